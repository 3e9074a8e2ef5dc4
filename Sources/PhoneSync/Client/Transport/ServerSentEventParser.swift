import Foundation

/// Splits a Server-Sent Events byte stream into events (`event:` and `data:` lines, a blank
/// line ends an event). Comments and unknown fields are ignored.
public struct ServerSentEventParser: Sendable {
    /// One event of the stream.
    public struct Event: Hashable, Sendable {
        /// The event's name (`poke`, `heartbeat`; `message` when unnamed).
        public var name: String
        /// The event's data lines, joined by newlines.
        public var data: String
    }

    var buffer: [UInt8] = []
    var name = "message"
    var data: [String] = []

    /// A parser at the start of a stream.
    public init() {}

    /// Takes the next bytes (any split) and returns the events they complete.
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
