import Sync

extension SyncMachine {
    /// What the driver must do next. Only one request is in flight at a time.
    public enum Action: Hashable, Sendable {
        /// Send the outbox prefix (at most this many mutations, in counter order); answer with
        /// ``Event/pushCompleted(_:remaining:)`` or ``Event/pushFailed(_:)``.
        case push(batchSize: Int)
        /// Pull the changes after `cursor`; answer with ``Event/pullCompleted(_:)`` or
        /// ``Event/pullFailed(_:)``.
        case pull(cursor: SyncCursor)
        /// Get a new access token; answer with ``Event/tokenRefreshed`` or
        /// ``Event/tokenRefreshFailed``.
        case refreshToken
        /// Wait, then send ``Event/retryTimerFired``.
        case scheduleRetry(afterSeconds: Double)
        /// Drop the server records (keep the outbox), rewind the cursor to zero, then send
        /// ``Event/replicaReset``.
        case resetReplica
        /// Renumber the outbox to start at this counter, then send
        /// ``Event/outboxResequenced(remaining:)``.
        case resequenceOutbox(from: Int64)
        /// A permanent failure: surface it; the machine does nothing until ``Event/start``.
        case stop(reason: String)
        /// Nothing to do now: wait for the next event.
        case idle
    }
}
