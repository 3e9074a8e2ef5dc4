import Sync

/// What handling a push response did to the replica.
public struct PushApplication: Hashable, Sendable {
    /// Outbox entries the server answered for (applied, merged or rejected) and that left
    /// the outbox.
    public var acknowledged: Int
    /// Of those, the ones the server refused; they are now stored rejections.
    public var rejected: Int
    /// Entries still in the outbox that can be pushed now (those held for an unfinished
    /// upload, and any after them, wait).
    public var remaining: Int

    /// A summary.
    public init(acknowledged: Int, rejected: Int, remaining: Int) {
        self.acknowledged = acknowledged
        self.rejected = rejected
        self.remaining = remaining
    }
}
