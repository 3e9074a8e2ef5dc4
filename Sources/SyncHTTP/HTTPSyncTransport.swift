import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneSync
import Sync

/// ``SyncTransport`` over HTTP with AsyncHTTPClient: `POST /v1/sync/push`,
/// `GET /v1/sync/pull`. Maps answers to the errors the sync loop acts on: 401 refreshes the
/// token, 409 `sync.counterGap` resends, 5xx and network faults retry, other 4xx stop.
public struct HTTPSyncTransport: SyncTransport {
    let baseURL: String
    let client: HTTPClient
    let timeout: TimeAmount

    public init(baseURL: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeout = timeout
    }

    public func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse {
        var http = HTTPClientRequest(url: baseURL + "/v1/sync/push")
        http.method = .POST
        http.headers.add(name: "content-type", value: "application/json")
        http.headers.add(name: "authorization", value: "Bearer \(accessToken)")
        http.body = .bytes(ByteBuffer(bytes: try WireCoding.encoder.encode(request)))
        return try await send(http, as: PushResponse.self)
    }

    public func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse {
        var http = HTTPClientRequest(url: baseURL + "/v1/sync/pull?\(cursor.queryPrefix)limit=\(limit)")
        http.headers.add(name: "authorization", value: "Bearer \(accessToken)")
        return try await send(http, as: PullResponse.self)
    }

    func send<T: Decodable>(_ request: HTTPClientRequest, as type: T.Type) async throws(SyncTransportError) -> T {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 32 * 1024 * 1024)
        } catch {
            throw .transient("network: \(error)")
        }
        return try WireCoding.decode(T.self, status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
