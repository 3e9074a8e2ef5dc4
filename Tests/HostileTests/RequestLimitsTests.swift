import Foundation
import Synchronization
import Testing

/// Oversized, endless, lying, trickling and idle clients against a real `jht-server` process:
/// every body is refused at its route's limit before it is read, slow and idle clients are
/// timed out, and the server's memory stays flat throughout.
@Suite("Request limits against a real server", .serialized)
final class RequestLimitsTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-limits-\(UUID().uuidString.prefix(8))")
    let server: ServerUnderTest

    init() async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        server = try await ServerUnderTest.start([
            "--database", folder.appendingPathComponent("jht.sqlite").path,
            "--blobs", folder.appendingPathComponent("blobs").path,
            "--idle-timeout", "2", "--body-grace-period", "1", "--min-body-rate", "1000",
            "--log-level", "info",
        ])
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    static let megabyte = 1_048_576

    static func head(_ method: String, _ path: String, _ headers: [String]) -> String {
        "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    @Test func aDeclaredGigabyteIsRefusedBeforeAByteOfItIsRead() throws {
        let connection = try RawConnection(port: server.port)
        connection.send(Self.head("POST", "/v1/auth/participant/code", ["Content-Type: application/json", "Content-Length: 1073741824"]))
        let response = try #require(connection.response(timeout: 5), "answered without waiting for the body")
        #expect(response.status == 413)
        #expect(response.body.contains(#""code":"request.tooLarge""#))
        #expect(response.body.contains(#""maxBytes":4096"#))
        #expect(connection.readUntilClosed(timeout: 5).closed, "the connection closes instead of reading a gigabyte")
    }

    @Test(arguments: ["/v1/sync/push", "/v1/auth/token", "/v1/office/claims/8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10/reject"])
    func anEndlessChunkedBodyIsCutOffAtTheLimit(path: String) throws {
        let connection = try RawConnection(port: server.port)
        connection.send(Self.head("POST", path, ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 65_536) + Array("\r\n".utf8)
        var sent = 0
        var answered: [UInt8] = []
        // Send until the server answers (or stops taking bytes).
        while sent < 512 * Self.megabyte, connection.send(chunk) {
            sent += 65_536
            if case .bytes(let bytes) = connection.receive(timeout: 0) {
                answered = bytes
                break
            }
        }
        #expect(sent < 64 * Self.megabyte, "the server answered long before 512 MB (after \(sent / Self.megabyte) MB)")
        let (rest, closed) = connection.readUntilClosed(timeout: 10)
        let answer = String(decoding: answered + rest, as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
        #expect(answer.contains("request.tooLarge"))
        #expect(closed)
    }

    @Test func aBodyLongerThanItsLengthIsNotReadAsMore() throws {
        let connection = try RawConnection(port: server.port)
        connection.send(Self.head("POST", "/v1/auth/token", ["Content-Type: application/json", "Content-Length: 20"]))
        connection.send([UInt8](repeating: UInt8(ascii: "x"), count: 4 * Self.megabyte))
        let (bytes, closed) = connection.readUntilClosed(timeout: 10)
        let answer = String(decoding: bytes, as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 400"), "the 20 bytes are a bad body: \(answer.prefix(200))")
        #expect(closed, "what follows is not a request: the connection closes")
    }

    @Test func aTricklingBodyIsCutOff() throws {
        let connection = try RawConnection(port: server.port)
        connection.send(Self.head("POST", "/v1/auth/token", ["Content-Type: application/json", "Content-Length: 4000"]))
        let (closed, took) = connection.trickle("x", every: 0.2)
        #expect(closed, "one byte every 200 ms is far below 1,000 bytes a second")
        #expect(took < 5, "cut off after the 1 s grace period and a check (\(took) s)")
    }

    @Test func anIdleConnectionIsClosed() throws {
        let connection = try RawConnection(port: server.port)
        let started = Date()
        #expect(connection.readUntilClosed(timeout: 10).closed)
        #expect(Date().timeIntervalSince(started) < 5, "closed after the 2 s idle timeout")
    }

    @Test func headersThatNeverEndAreTimedOut() throws {
        let connection = try RawConnection(port: server.port)
        connection.send("POST /v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let (closed, took) = connection.trickle("X-Slow: a\r\n", every: 0.3)
        #expect(closed)
        #expect(took < 6, "the idle timeout bounds a request's headers too (\(took) s)")
    }

    @Test func memoryStaysFlatUnderOversizedEndlessAndTricklingBodiesAtOnce() async throws {
        try await healthy()
        let before = try server.residentBytes
        let port = server.port
        let peak = PeakMemory()
        let sampler = Task { [server] in
            while !Task.isCancelled {
                if let bytes = try? server.residentBytes { peak.record(bytes) }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        // 48 clients at once: 16 send 256 MB each in chunks, 16 declare a gigabyte, 16 trickle.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<48 {
                group.addTask {
                    let connection = try RawConnection(port: port)
                    switch index % 3 {
                    case 0:
                        connection.send(Self.head("POST", "/v1/sync/push", ["Transfer-Encoding: chunked"]))
                        let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x20, count: 65_536) + Array("\r\n".utf8)
                        var sent = 0
                        while sent < 256 * Self.megabyte, connection.send(chunk) { sent += 65_536 }
                    case 1:
                        connection.send(Self.head("POST", "/v1/auth/token", ["Content-Length: 1073741824"]))
                        connection.send([UInt8](repeating: 0x20, count: Self.megabyte))
                    default:
                        connection.send(Self.head("POST", "/v1/auth/refresh", ["Content-Length: 4000"]))
                        for _ in 0..<40 where connection.send("x") { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    _ = connection.readUntilClosed(timeout: 10)
                }
            }
            try await group.waitForAll()
        }
        sampler.cancel()
        try await healthy()
        let after = try server.residentBytes
        let growth = max(peak.value, after) - before
        print(
            "request limits: RSS before \(before / Self.megabyte) MB, peak \(peak.value / Self.megabyte) MB, after \(after / Self.megabyte) MB"
        )
        #expect(growth < 64 * Self.megabyte, "48 hostile clients (4 GB offered) grew the server by \(growth / Self.megabyte) MB")
    }

    /// The server still answers an ordinary request.
    func healthy() async throws {
        let connection = try RawConnection(port: server.port)
        connection.send(Self.head("GET", "/health", []))
        #expect(connection.response(timeout: 5)?.status == 200)
    }
}

/// The highest value seen by a sampler.
final class PeakMemory: Sendable {
    private let peak = Mutex(0)
    var value: Int { peak.withLock { $0 } }
    func record(_ bytes: Int) { peak.withLock { $0 = max($0, bytes) } }
}
