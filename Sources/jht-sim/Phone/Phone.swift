import AsyncHTTPClient
import Foundation
import GRDB
import Models
import PhoneSync
import Sync
import SyncHTTP
import Synchronization

/// One simulated phone: a replica on disk, its sync client over the phone's bad network,
/// its tokens and its live stream. A kill closes the app (the replica stays on disk) and
/// opens it again, as a person restarting the app would.
final class Phone: @unchecked Sendable {
    let label: String
    let deviceID: String
    let path: String
    let network: PhoneNetwork
    let uploads: PhoneUploads
    let tokens: HTTPTokenProvider
    let liveClient: HTTPClient
    let baseURL: String
    let chunkBytes: Int
    /// The phone's wall clock in milliseconds (the simulated one in a branch week).
    let wallClock: @Sendable () -> Int64
    private(set) var client: SyncClient
    private var live: Task<Void, Never>?
    /// Rings when the live stream announces a change.
    let pokes = Signal()

    init(
        label: String,
        deviceID: String,
        folder: URL,
        network: PhoneNetwork,
        tokens: HTTPTokenProvider,
        baseURL: String,
        client http: HTTPClient,
        liveClient: HTTPClient,
        chunkBytes: Int,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) throws {
        self.label = label
        self.deviceID = deviceID
        self.path = folder.appendingPathComponent("\(deviceID).sqlite").path
        self.network = network
        self.uploads = PhoneUploads(network: network, baseURL: baseURL, client: http)
        self.tokens = tokens
        self.liveClient = liveClient
        self.baseURL = baseURL
        self.chunkBytes = chunkBytes
        self.wallClock = wallClock
        self.client = try Self.open(path: path, deviceID: deviceID, network: network, tokens: tokens, wallClock: wallClock)
    }

    static func open(
        path: String,
        deviceID: String,
        network: PhoneNetwork,
        tokens: HTTPTokenProvider,
        wallClock: @escaping @Sendable () -> Int64
    ) throws -> SyncClient {
        // A kill here closes the app, not the operating system: what a transaction committed is
        // in the file whether or not it reached the disk, so the simulator spares the machine
        // thousands of fsyncs a second (a real phone keeps SQLite's default).
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let store = try ReplicaStore(
            writer: DatabaseQueue(path: path, configuration: configuration),
            newDeviceID: deviceID,
            wallClock: wallClock
        )
        return try SyncClient(
            store: store,
            transport: network,
            tokens: CountingTokens(tokens: tokens, metrics: network.metrics),
            backoff: RetryBackoff(
                initialSeconds: 0.05,
                maximumSeconds: 1,
                seed: deviceID.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
            )
        )
    }

    /// The app is killed and started again: whatever was in flight is resent from the outbox.
    func kill() throws {
        let following = live != nil
        stopLive()
        client = try Self.open(path: path, deviceID: deviceID, network: network, tokens: tokens, wallClock: wallClock)
        network.metrics.fault { $0.appKills += 1 }
        if following { startLive() }
    }

    /// Syncs until the outbox is empty and the replica caught up, through faults. Returns
    /// false if the sync loop stopped for good (a permanent error).
    @discardableResult
    func sync(rounds: Int = 40) async throws -> Bool {
        for _ in 0..<rounds {
            try await client.syncNow()
            if case .stopped = client.machine.state { return false }
            if try client.store.outboxCount() == 0, !network.isOffline { return true }
            if network.isOffline { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try client.store.outboxCount() == 0
    }

    /// Sends queued documents (resuming cut uploads), then pushes their attach mutations.
    func uploadDocuments() async throws {
        for _ in 0..<20 {
            let summary = try await DocumentUploader(
                client: client,
                transport: uploads,
                chunkSize: chunkBytes,
                backoff: RetryBackoff(initialSeconds: 0.05, maximumSeconds: 0.5, seed: 7)
            ).run()
            if summary.waiting.isEmpty || network.isOffline { break }
        }
        try await sync()
    }

    func goOffline() throws {
        network.isOffline = true
        try client.wentOffline()
        network.metrics.fault { $0.offlineSpells += 1 }
    }

    func comeOnline() throws {
        network.isOffline = false
        try client.cameOnline()
    }

    // MARK: - Live stream

    func startLive() {
        let stream = LiveStream(baseURL: baseURL, client: liveClient)
        let tokens = tokens
        let pokes = pokes
        let metrics = network.metrics
        let client = client
        live = Task {
            while !Task.isCancelled {
                do {
                    let cursor = try client.store.cursor()
                    for try await poke in stream.pokes(after: cursor, accessToken: try await tokens.accessToken()) {
                        metrics.poked()
                        _ = poke
                        pokes.notify()
                    }
                } catch SyncTransportError.unauthorized {
                    _ = try? await tokens.refresh()
                } catch {
                    if Task.isCancelled { return }
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    func stopLive() {
        live?.cancel()
        live = nil
    }

    /// Waits until the live stream announces a change after `seen` (a ``Signal`` version), or
    /// `seconds` pass.
    func waitForPoke(after seen: Int, seconds: Double) async -> Bool {
        await pokes.wait(beyond: seen, seconds: seconds)
    }

    /// Closes the app and deletes the replica file.
    func close() {
        stopLive()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
