import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
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

/// Splits a Server-Sent Events byte stream into events (`event:` and `data:` lines, a blank
/// line ends an event). Comments and unknown fields are ignored.
public struct ServerSentEventParser: Sendable {
    public struct Event: Hashable, Sendable {
        public var name: String
        public var data: String
    }

    var buffer: [UInt8] = []
    var name = "message"
    var data: [String] = []

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte != UInt8(ascii: "\n") {
                buffer.append(byte)
                continue
            }
            var line = String(decoding: buffer, as: UTF8.self)
            buffer.removeAll(keepingCapacity: true)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { events.append(Event(name: name, data: data.joined(separator: "\n"))) }
                name = "message"
                data = []
            } else if line.hasPrefix("event:") {
                name = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("data:") {
                data.append(String(line.dropFirst(5).drop { $0 == " " }))
            }
        }
        return events
    }
}
