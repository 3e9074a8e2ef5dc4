import Sync

extension SyncMachine {
    /// What happened: a trigger, or the outcome of the action the machine asked for.
    public enum Event: Hashable, Sendable {
        /// Start syncing, or sync now (a manual trigger): restarts a stopped machine and skips
        /// a pending backoff.
        case start
        /// A local write was appended to the outbox.
        case localChange
        /// The live stream announced a new change-log position.
        case poked(cursor: SyncCursor)
        /// The push was answered; `remaining` is the outbox size after handling the answer.
        case pushCompleted(PushResponse, remaining: Int)
        /// The push failed without an answer.
        case pushFailed(SyncTransportError)
        /// The outbox was renumbered after a counter gap; `remaining` entries wait.
        case outboxResequenced(remaining: Int)
        /// The pull was answered (and its changes stored, unless it is a reset).
        case pullCompleted(PullResponse)
        /// The pull failed.
        case pullFailed(SyncTransportError)
        /// The server records were dropped and the cursor rewound after a reset.
        case replicaReset
        /// A new access token is in place.
        case tokenRefreshed
        /// Refreshing the access token failed.
        case tokenRefreshFailed
        /// The delay of the last ``Action/scheduleRetry(afterSeconds:)`` has passed.
        case retryTimerFired
        /// The network went away.
        case wentOffline
        /// The network came back.
        case cameOnline
    }
}
