import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Server
import Synchronization
import Testing

/// Codes "sent" by the server during a test, newest last, by phone number.
final class CodeInbox: Sendable {
    private let codes = Mutex<[(phone: String, code: String)]>([])

    var sender: RandomCodeSender {
        RandomCodeSender { [self] code, phone in self.record(code: code, phone: phone.rawValue) }
    }

    private func record(code: String, phone: String) {
        codes.withLock { $0.append((phone, code)) }
    }

    func latest(for phone: String) -> String? {
        codes.withLock { $0.last { $0.phone == phone }?.code }
    }
}

/// Log lines written during a test, so tests can prove nothing sensitive is logged.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        recorder.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
    }
}

/// A server on a fresh in-memory store with demo data and a test code inbox.
struct TestServer {
    let inbox = CodeInbox()
    let logs = LogRecorder()
    /// The keys the server signs tokens with (tests that mint tokens themselves use them too).
    let signingKeys = SigningKeys.inMemory()
    let store: SQLiteStore
    var configuration: ServerConfiguration
    /// The server's clock; tests that need a fixed or moving time replace it.
    var now: @Sendable () -> Date = { Date() }
    /// Where document bytes go (in memory unless a test passes a folder store).
    let blobs: any BlobStore
    /// The civil registry and the bank the back office and finance use; unset, verification
    /// and payment answer 503 as on a server without adapters.
    var adapters: (registry: any CivilRegistry, bank: any BankGateway)?

    init(demo: Bool = true, blobs: any BlobStore = InMemoryBlobStore(), uploads: UploadLimits = UploadLimits()) throws {
        store = try SQLiteStore.inMemory()
        configuration = ServerConfiguration(port: 0, databasePath: ":memory:", demo: demo, uploads: uploads)
        self.blobs = blobs
    }

    func app() async throws -> some ApplicationProtocol {
        try await buildApplication(
            configuration: configuration,
            dependencies: ServerDependencies(
                store: store,
                blobs: blobs,
                codeSender: inbox.sender,
                now: now,
                logger: logs.logger,
                civilRegistry: adapters?.registry ?? UnconfiguredCivilRegistry(),
                bank: adapters?.bank ?? UnconfiguredBankGateway(),
                signingKeys: signingKeys
            )
        )
    }
}

/// JSON helpers for raw HTTP tests.
enum JSON {
    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static func array(_ buffer: ByteBuffer) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [[String: Any]])
    }
}

extension HTTPFields {
    static let json: HTTPFields = [.contentType: "application/json"]

    static func bearer(_ token: String) -> HTTPFields {
        [.contentType: "application/json", .authorization: "Bearer \(token)"]
    }
}
