import Sync
import Synchronization

extension SyncClient {
    /// The manual sync trigger: starts (or restarts) the loop and runs it until there is
    /// nothing more to do.
    public func syncNow() async throws {
        try start()
        try await run()
    }

    /// Performs the machine's actions with the transport, one request at a time, until it is
    /// idle or stopped; backoff delays are slept through.
    ///
    /// Returns at once if another `run()` is going: that one picks up new work. Cancelling
    /// the task ends the loop; nothing leaves the outbox without the server's answer. Throws
    /// only when the replica database fails.
    public func run() async throws {
        let claimed = shared.withLock { shared in
            if shared.isRunning { return false }
            shared.isRunning = true
            return true
        }
        guard claimed else { return }
        // Ending by `takeActionOrFinish()` releases the run inside its lock; any other way out
        // (cancellation, a database error) releases it here.
        var released = false
        defer { if !released { shared.withLock { $0.isRunning = false } } }
        while true {
            guard let action = takeActionOrFinish() else {
                released = true
                return
            }
            switch action {
            case .push:
                try await performPush()
            case .pull(let cursor):
                try await performPull(after: cursor)
            case .refreshToken:
                try await performRefresh()
            case .scheduleRetry(let seconds):
                do { try await sleep(seconds) } catch { return }
                try retryTimerFired()
            case .idle, .stop, .resetReplica, .resequenceOutbox:
                return
            }
        }
    }

    /// Takes the next action, or, atomically, ends the run when there is none (so that work a
    /// trigger adds meanwhile is either taken here or by the next `run()`).
    private func takeActionOrFinish() -> SyncMachine.Action? {
        shared.withLock { shared in
            let action = shared.pending
            switch action {
            case .idle, .stop, .resetReplica, .resequenceOutbox:
                shared.isRunning = false
                return nil
            case .push, .pull, .refreshToken, .scheduleRetry:
                if Task.isCancelled {
                    shared.isRunning = false
                    return nil
                }
                shared.pending = .idle
                return action
            }
        }
    }

    private func performPush() async throws {
        guard let request = try preparePush() else { return }
        guard let token = await currentToken() else {
            try handlePush(result: .failure(.unauthorized))
            return
        }
        let result: Result<PushResponse, SyncTransportError>
        do {
            result = .success(try await transport.push(request, accessToken: token))
        } catch {
            result = .failure(Self.transportError(error))
        }
        try handlePush(result: result)
    }

    private func performPull(after cursor: SyncCursor) async throws {
        guard let token = await currentToken() else {
            try handlePull(result: .failure(.unauthorized))
            return
        }
        let result: Result<PullResponse, SyncTransportError>
        do {
            result = .success(try await transport.pull(cursor: cursor, limit: pullLimit, accessToken: token))
        } catch {
            result = .failure(Self.transportError(error))
        }
        try handlePull(result: result)
    }

    private func performRefresh() async throws {
        let result: Result<String, any Error>
        do {
            result = .success(try await tokens.refresh())
        } catch {
            result = .failure(error)
        }
        try handleTokenRefresh(result: result)
    }

    /// The held token, or the provider's; `nil` if the provider has none.
    private func currentToken() async -> String? {
        if let token = accessToken { return token }
        guard let token = try? await tokens.accessToken() else { return nil }
        shared.withLock { $0.accessToken = token }
        return token
    }

    static func transportError(_ error: any Error) -> SyncTransportError {
        error as? SyncTransportError ?? .transient(String(describing: error))
    }
}
