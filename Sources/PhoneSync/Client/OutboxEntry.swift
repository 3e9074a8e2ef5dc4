import Sync

/// One mutation waiting in the durable outbox until the server answers for it.
public struct OutboxEntry: Hashable, Sendable {
    /// Whether an entry is waiting or part of the request being sent.
    public enum State: String, Hashable, Sendable, Codable {
        /// Waiting to be sent (again).
        case pending
        /// Part of the push request in flight. After an app kill it becomes pending again.
        case inFlight
    }

    /// The mutation, with its counter and clock.
    public var mutation: Mutation
    /// Whether it is being sent.
    public var state: State

    /// An entry.
    public init(mutation: Mutation, state: State) {
        self.mutation = mutation
        self.state = state
    }
}
