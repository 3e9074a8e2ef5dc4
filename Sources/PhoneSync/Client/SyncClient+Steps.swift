import Sync
import Synchronization

extension SyncClient {
    /// Starts syncing, or syncs now (the manual trigger): restarts a stopped loop and skips a
    /// pending backoff. Returns the next action.
    @discardableResult
    public func start() throws -> SyncMachine.Action {
        try shared.withLock { shared in try feed(.start, &shared) }
    }

    /// Takes the action to perform now, once: a second call returns ``SyncMachine/Action/idle``
    /// until an outcome or a trigger produces a new one. (The step methods also return the
    /// next action; handing in an outcome takes the action it answers.)
    ///
    /// - ``SyncMachine/Action/push(batchSize:)``: call ``preparePush()``, send the request,
    ///   then ``handlePush(result:)``.
    /// - ``SyncMachine/Action/pull(cursor:)``: pull at most ``pullLimit`` changes after the
    ///   cursor, then ``handlePull(result:)``.
    /// - ``SyncMachine/Action/refreshToken``: refresh, then ``handleTokenRefresh(result:)``.
    /// - ``SyncMachine/Action/scheduleRetry(afterSeconds:)``: wait, then
    ///   ``retryTimerFired()``.
    /// - ``SyncMachine/Action/stop(reason:)`` and ``SyncMachine/Action/idle``: nothing to do.
    public func nextAction() -> SyncMachine.Action {
        shared.withLock { shared in
            let action = shared.pending
            shared.pending = .idle
            return action
        }
    }

    /// Builds the push the machine asked for: marks the outbox prefix in flight and returns
    /// it; `nil` if no push is due or the outbox turned out empty.
    public func preparePush() throws -> PushRequest? {
        try shared.withLock { shared in
            guard case .pushing(let batchSize) = shared.machine.state else { return nil }
            shared.pending = .idle
            if let request = try store.beginPush(limit: batchSize) { return request }
            try feed(.pushCompleted(PushResponse(results: []), remaining: 0), &shared)
            return nil
        }
    }

    /// Handles the outcome of the push from ``preparePush()`` and returns the next action.
    ///
    /// An answer is stored in one transaction (acknowledged mutations leave the outbox,
    /// rejections are kept with the server's record); a failure leaves every mutation in the
    /// outbox, pending again.
    @discardableResult
    public func handlePush(result: Result<PushResponse, SyncTransportError>) throws -> SyncMachine.Action {
        try shared.withLock { shared in
            guard case .pushing = shared.machine.state else { return shared.pending }
            shared.pending = .idle
            do {
                switch result {
                case .success(let response):
                    let applied = try store.applyPush(response)
                    return try feed(.pushCompleted(response, remaining: applied.remaining), &shared)
                case .failure(let error):
                    try store.releaseInFlight()
                    return try feed(.pushFailed(error), &shared)
                }
            } catch {
                // The replica could not store the outcome: the mutations stay; retry later.
                try feed(.pushFailed(.transient("The replica could not store the push: \(error)")), &shared)
                throw error
            }
        }
    }

    /// Handles the outcome of a pull and returns the next action.
    ///
    /// Changes are stored and the cursor advanced in one transaction; a reset drops the
    /// server records (keeping the outbox) and pulls from zero.
    @discardableResult
    public func handlePull(result: Result<PullResponse, SyncTransportError>) throws -> SyncMachine.Action {
        try shared.withLock { shared in
            guard case .pulling = shared.machine.state else { return shared.pending }
            shared.pending = .idle
            do {
                switch result {
                case .success(let response):
                    try store.applyPull(response)
                    return try feed(.pullCompleted(response), &shared)
                case .failure(let error):
                    return try feed(.pullFailed(error), &shared)
                }
            } catch {
                try feed(.pullFailed(.transient("The replica could not store the pull: \(error)")), &shared)
                throw error
            }
        }
    }

    /// Handles the outcome of a token refresh and returns the next action.
    @discardableResult
    public func handleTokenRefresh(result: Result<String, any Error>) throws -> SyncMachine.Action {
        try shared.withLock { shared in
            guard case .refreshingToken = shared.machine.state else { return shared.pending }
            shared.pending = .idle
            switch result {
            case .success(let token):
                shared.accessToken = token
                return try feed(.tokenRefreshed, &shared)
            case .failure:
                return try feed(.tokenRefreshFailed, &shared)
            }
        }
    }

    /// The backoff delay has passed; returns the next action.
    @discardableResult
    public func retryTimerFired() throws -> SyncMachine.Action {
        try shared.withLock { shared in
            guard case .waitingToRetry = shared.machine.state else { return shared.pending }
            shared.pending = .idle
            return try feed(.retryTimerFired, &shared)
        }
    }

    /// The live stream announced a change-log position; returns the next action.
    @discardableResult
    public func poked(cursor: SyncCursor) throws -> SyncMachine.Action {
        try shared.withLock { shared in try feed(.poked(cursor: cursor), &shared) }
    }

    /// The network went away; returns the next action.
    @discardableResult
    public func wentOffline() throws -> SyncMachine.Action {
        try shared.withLock { shared in try feed(.wentOffline, &shared) }
    }

    /// The network came back; returns the next action.
    @discardableResult
    public func cameOnline() throws -> SyncMachine.Action {
        try shared.withLock { shared in try feed(.cameOnline, &shared) }
    }
}
