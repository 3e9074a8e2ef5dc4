import Foundation
import Sync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live stream (`GET /v1/sync/live`, Server-Sent Events) over URLSession, as an async
/// sequence of pokes. A poke carries only a cursor, never personal data; the phone pulls.
///
/// One connection ends when the server closes it, the network drops or the task is
/// cancelled; ``LiveSync`` reconnects with the cursor the replica reached.
public struct URLSessionLiveStream: Sendable {
    /// The service; its session's configuration (with a longer idle timeout than the
    /// server's 15-second heartbeat) is used for the stream's own session.
    public let server: ServerAddress
    /// The longest silence before the connection counts as lost (heartbeats arrive every
    /// 15 seconds).
    public let idleTimeout: TimeInterval

    /// A live stream from `server`.
    public init(server: ServerAddress, idleTimeout: TimeInterval = 45) {
        self.server = server
        self.idleTimeout = idleTimeout
    }

    /// Connects and yields every poke.
    ///
    /// - Parameters:
    ///   - cursor: the replica's cursor; a server already past it pokes at once.
    ///   - accessToken: the bearer token.
    /// - Returns: the pokes, ending when the connection ends; it throws
    ///   `SyncTransportError.unauthorized` on 401 and `SyncTransportError.transient(_:)`
    ///   on any other status or network fault.
    public func pokes(after cursor: SyncCursor, accessToken: String) -> AsyncThrowingStream<Poke, any Error> {
        var request = server.request(
            server.url("/v1/sync/live" + (cursor.isStart ? "" : "?" + cursor.queryPrefix.dropLast())),
            method: "GET",
            accessToken: accessToken
        )
        request.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        request.timeoutInterval = idleTimeout
        let configuration = (server.session.configuration.copy() as? URLSessionConfiguration) ?? .ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        // A stream may stay open for hours.
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        let parts = URLSessionByteStream.parts(of: request, configuration: configuration)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var parser = ServerSentEventParser()
                    for try await part in parts {
                        switch part {
                        case .response(let response):
                            guard response.statusCode == 200 else {
                                throw response.statusCode == 401
                                    ? SyncTransportError.unauthorized : SyncTransportError.transient("HTTP \(response.statusCode)")
                            }
                        case .bytes(let bytes):
                            for event in parser.feed(bytes) where event.name == "poke" {
                                if let poke = try? WireCoding.decoder.decode(Poke.self, from: Data(event.data.utf8)) {
                                    continuation.yield(poke)
                                }
                            }
                        }
                    }
                    continuation.finish()
                } catch let error as SyncTransportError {
                    continuation.finish(throwing: error)
                } catch {
                    continuation.finish(
                        throwing: Task.isCancelled ? error : SyncTransportError.transient("network: \(error.localizedDescription)")
                    )
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
