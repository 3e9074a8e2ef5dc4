import Foundation
import PhoneSync
import Sync
import SyncHTTP

/// The phone's tokens as the sync loop sees them, counting refreshes for the report.
struct CountingTokens: TokenProvider {
    let tokens: HTTPTokenProvider
    let metrics: RunMetrics

    func accessToken() async throws -> String { try await tokens.accessToken() }

    func refresh() async throws -> String {
        metrics.fault { $0.tokenRefreshes += 1 }
        return try await tokens.refresh()
    }
}
