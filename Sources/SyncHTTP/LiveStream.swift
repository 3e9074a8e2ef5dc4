import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneSync
import Sync

/// The live stream (`GET /v1/sync/live`, Server-Sent Events) as an async sequence of pokes.
/// Ends when the server closes it; reconnect with the latest cursor to resume.
public struct LiveStream: Sendable {
    let baseURL: String
    let client: HTTPClient

    public init(baseURL: String, client: HTTPClient = .shared) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
    }

    /// Connects and yields every poke; throws `SyncTransportError.unauthorized` on 401.
    public func pokes(after cursor: SyncCursor, accessToken: String) -> AsyncThrowingStream<Poke, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var request = HTTPClientRequest(url: baseURL + "/v1/sync/live?\(cursor.queryPrefix)")
                    request.headers.add(name: "authorization", value: "Bearer \(accessToken)")
                    request.headers.add(name: "accept", value: "text/event-stream")
                    let response = try await client.execute(request, deadline: .distantFuture)
                    guard response.status == .ok else {
                        throw response.status.code == 401 ? SyncTransportError.unauthorized : .transient("HTTP \(response.status.code)")
                    }
                    var parser = ServerSentEventParser()
                    for try await chunk in response.body {
                        for event in parser.feed(chunk.readableBytesView) where event.name == "poke" {
                            if let poke = try? WireCoding.decoder.decode(Poke.self, from: Data(event.data.utf8)) {
                                continuation.yield(poke)
                            }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
