import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to the server, for the requests no HTTP client sends: bodies that never
/// end, that trickle, that lie about their length, or no request at all.
final class RawConnection: @unchecked Sendable {
    enum Received: Equatable {
        case bytes([UInt8])
        /// The server closed the connection (or reset it).
        case closed
        case timedOut
    }

    private let socketDescriptor: Int32

    init(port: Int) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw RawConnectionError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socketDescriptor)
            throw RawConnectionError("connect() to port \(port) failed: errno \(errno)")
        }
    }

    deinit { close(socketDescriptor) }

    /// Sends all of `bytes`; `false` once the server has closed its side.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.send(socketDescriptor, buffer.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return false }
            sent += result
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// What arrives within `timeout` seconds.
    func receive(timeout: Double) -> Received {
        var poller = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else { return .timedOut }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socketDescriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return .closed }
        return .bytes(Array(buffer[..<count]))
    }

    /// Reads until the server closes the connection or `timeout` seconds pass; returns what it
    /// sent and whether it closed.
    func readUntilClosed(timeout: Double) -> (bytes: [UInt8], closed: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes: [UInt8] = []
        while Date() < deadline {
            switch receive(timeout: deadline.timeIntervalSinceNow) {
            case .bytes(let more): bytes += more
            case .closed: return (bytes, true)
            case .timedOut: return (bytes, false)
            }
        }
        return (bytes, false)
    }

    /// Sends `piece` every `interval` seconds until the server closes the connection (or 15 s
    /// pass); returns whether it closed and after how long.
    func trickle(_ piece: String, every interval: Double) -> (closed: Bool, seconds: Double) {
        let started = Date()
        while Date().timeIntervalSince(started) < 15 {
            guard send(piece), receive(timeout: interval) != .closed else { return (true, Date().timeIntervalSince(started)) }
        }
        return (false, Date().timeIntervalSince(started))
    }

    /// The status line and body of the response that arrives within `timeout` seconds, read to
    /// the end its `Content-Length` gives.
    func response(timeout: Double) -> (status: Int, body: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes: [UInt8] = []
        while Date() < deadline {
            let text = String(decoding: bytes, as: UTF8.self)
            if let headerEnd = text.range(of: "\r\n\r\n") {
                let head = text[..<headerEnd.lowerBound]
                let length =
                    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                let body = String(text[headerEnd.upperBound...])
                if body.utf8.count >= length, let status = Int(head.split(separator: " ").dropFirst().first ?? "") {
                    return (status, body)
                }
            }
            guard case .bytes(let more) = receive(timeout: max(0.01, deadline.timeIntervalSinceNow)) else { return nil }
            bytes += more
        }
        return nil
    }
}

struct RawConnectionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
