import Sync

extension SyncMachine {
    /// Where the sync loop is.
    public enum State: Hashable, Sendable {
        /// Not started, or stopped by a permanent failure (with its reason).
        case stopped(reason: String?)
        /// Nothing in flight and nothing to do.
        case idle
        /// A push of this many mutations is in flight.
        case pushing(batchSize: Int)
        /// A pull after this cursor is in flight.
        case pulling(cursor: SyncCursor)
        /// A token refresh is in flight; then the request is retried.
        case refreshingToken(then: Request)
        /// Waiting for the retry timer.
        case waitingToRetry(then: Retry)
        /// Waiting for the replica to be reset.
        case resettingReplica
        /// Waiting for the outbox to be renumbered from this counter.
        case resequencingOutbox(from: Int64)
    }

    /// A request to retry as it was after a token refresh.
    public enum Request: Hashable, Sendable {
        /// The same outbox prefix.
        case push(batchSize: Int)
        /// A pull from the current cursor.
        case pull
    }

    /// What to do when the retry timer fires.
    public enum Retry: Hashable, Sendable {
        /// Carry on syncing (push first, then pull).
        case sync
        /// Refresh the token, then retry the request.
        case refreshToken(then: Request)
    }
}
