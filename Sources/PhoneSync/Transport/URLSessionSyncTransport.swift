import Foundation
import Sync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `SyncTransport` over URLSession: `POST /v1/sync/push` and `GET /v1/sync/pull`.
///
/// Bodies and cursors go through the sync wire types (`PushRequest`, `PullResponse`) and
/// `WireCoding`, the one JSON configuration the phone and the server share; answers map to
/// the errors the sync loop acts on (401 refreshes the token, 409 `sync.counterGap` renumbers
/// the outbox, 5xx and network faults retry, other 4xx stop).
public struct URLSessionSyncTransport: SyncTransport {
    /// The service and the session requests go through.
    public let server: ServerAddress

    /// A transport to `server`.
    public init(server: ServerAddress) {
        self.server = server
    }

    /// Sends a batch of mutations and returns the server's result for each.
    public func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse {
        var http = server.request(server.url("/v1/sync/push"), method: "POST", accessToken: accessToken)
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        http.httpBody = try WireCoding.encoder.encode(request)
        return try await send(http, as: PushResponse.self)
    }

    /// Fetches at most `limit` changes after `cursor`.
    public func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse {
        let url = server.url("/v1/sync/pull?\(cursor.queryPrefix)limit=\(limit)")
        return try await send(server.request(url, method: "GET", accessToken: accessToken), as: PullResponse.self)
    }

    private func send<T: Decodable>(_ request: URLRequest, as type: T.Type) async throws -> T {
        let answer = try await server.exchange(request) { SyncTransportError.transient($0) }
        return try WireCoding.decode(T.self, status: answer.response.statusCode, body: answer.body)
    }
}
