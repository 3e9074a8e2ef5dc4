import PhoneSync
import Sync
import Testing

/// Drives a client step by step against the fake server, as a deterministic simulator would,
/// until it has nothing to do; returns the actions taken.
@discardableResult
func drive(_ client: SyncClient, _ server: FakeSyncServer, tokens: FakeTokens = FakeTokens()) throws -> [SyncMachine.Action] {
    var taken: [SyncMachine.Action] = []
    for _ in 0..<200 {
        let action = client.nextAction()
        taken.append(action)
        let token = client.accessToken ?? "token-1"
        switch action {
        case .push:
            guard let request = try client.preparePush() else { continue }
            try client.handlePush(result: Result { () throws(SyncTransportError) in try server.pushNow(request, accessToken: token) })
        case .pull(let cursor):
            try client.handlePull(
                result: Result { () throws(SyncTransportError) in
                    try server.pullNow(cursor: cursor, limit: client.pullLimit, accessToken: token)
                }
            )
        case .refreshToken:
            try client.handleTokenRefresh(result: Result<String, any Error> { try tokens.refreshNow() })
        case .scheduleRetry:
            try client.retryTimerFired()
        case .idle, .stop, .resetReplica, .resequenceOutbox:
            return taken
        }
    }
    Issue.record("the client did not settle in 200 steps")
    return taken
}
