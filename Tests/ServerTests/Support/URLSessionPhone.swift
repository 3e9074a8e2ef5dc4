import Foundation
import Models
import PhoneSync
import Server
import Sync
import Synchronization
import Testing

/// A participant's phone built the way an app builds it: URLSession for every request, a
/// replica in a file (so the app can be killed and started again), tokens from sign-in.
struct URLSessionPhone {
    let server: ServerAddress
    let tokens: URLSessionTokenProvider
    let replicaPath: String
    let client: SyncClient

    /// Signs `account` in on a new device whose replica lives in a new temporary file.
    static func signIn(
        _ account: ParticipantAccount,
        device: String,
        server: ServerAddress,
        inbox: CodeInbox,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) async throws -> URLSessionPhone {
        let tokens = try await URLSessionTokenProvider.signIn(
            server: server,
            nik: account.participant.nik.rawValue,
            kpj: account.participant.kpj.rawValue,
            deviceID: device
        ) { try #require(inbox.latest(for: account.participant.phone!.rawValue)) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jht-replica-\(UUID().uuidString).sqlite").path
        return try URLSessionPhone(server: server, tokens: tokens, replicaPath: path, device: device, wallClock: wallClock)
    }

    init(
        server: ServerAddress,
        tokens: URLSessionTokenProvider,
        replicaPath: String,
        device: String,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) throws {
        self.server = server
        self.tokens = tokens
        self.replicaPath = replicaPath
        self.client = try SyncClient(
            store: try ReplicaStore.file(at: replicaPath, newDeviceID: device, wallClock: wallClock),
            transport: URLSessionSyncTransport(server: server),
            tokens: tokens,
            backoff: RetryBackoff(initialSeconds: 0.05, maximumSeconds: 0.5, seed: 3)
        )
    }

    /// The app killed and started again: a new client on the same replica file, the same
    /// tokens (an app keeps them in the keychain).
    func relaunched() throws -> URLSessionPhone {
        try URLSessionPhone(server: server, tokens: tokens, replicaPath: replicaPath, device: client.store.deviceID)
    }

    /// The uploader of this phone's queued documents.
    func uploader(
        through server: ServerAddress? = nil,
        chunkSize: Int = 64 * 1024,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) -> DocumentUploader {
        DocumentUploader(
            client: client,
            transport: URLSessionUploadTransport(server: server ?? self.server),
            chunkSize: chunkSize,
            backoff: RetryBackoff(initialSeconds: 0.05, maximumSeconds: 0.5, jitter: 0, seed: 1),
            sleep: sleep
        )
    }

    /// Follows the live stream (in a task the caller cancels), recording what happens.
    func follow(_ events: LiveEvents) -> Task<Void, Never> {
        let live = LiveSync(
            client: client,
            stream: URLSessionLiveStream(server: server),
            tokens: tokens,
            backoff: RetryBackoff(initialSeconds: 0.05, maximumSeconds: 0.5, seed: 5),
            events: { events.append($0) }
        )
        return Task { await live.run() }
    }

    /// Deletes the replica file.
    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: replicaPath + suffix) }
    }
}

/// What a phone's live stream did, in order.
final class LiveEvents: Sendable {
    private let events = Mutex<[LiveSync.Event]>([])

    var all: [LiveSync.Event] { events.withLock { $0 } }

    func append(_ event: LiveSync.Event) { events.withLock { $0.append(event) } }

    /// The cursors connections were opened from.
    var connections: [SyncCursor] {
        all.compactMap {
            if case .connecting(let cursor) = $0 { return cursor }
            return nil
        }
    }
}

/// Waits until `condition` holds, checking every 50 ms, for at most `seconds`.
func eventually(seconds: Double = 10, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
