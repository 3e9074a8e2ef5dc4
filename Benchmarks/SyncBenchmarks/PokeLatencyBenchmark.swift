import ArgumentParser
import AsyncHTTPClient
import Foundation
import Models
import NIOCore
import NIOHTTP1
import Server
import Sync
import SyncHTTP
import Synchronization

/// Poke latency: time from a push's commit to the poke on every live stream of that bucket,
/// with 1,000 and with 10,000 streams connected to a `jht-server` process, measured in the
/// same run so the larger figure reads as a ratio of the smaller.
struct PokeLatencyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "poke", abstract: "Poke latency with many live streams.")

    @Option(help: "Stream counts to measure, in order.") var streams: [Int] = [1_000, 10_000]
    @Option(help: "Pushes per stream count.") var rounds = 40
    @Option(help: "Port for the server process.") var port = 18_473

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = Process()
        server.executableURL = Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("jht-server")
        server.arguments = ["--port", "\(port)", "--database", folder.appendingPathComponent("db.sqlite").path, "--log-level", "error"]
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        let base = "http://127.0.0.1:\(port)"
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(600), concurrentHTTP1ConnectionsPerHostSoftLimit: 12_000)
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(600))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        try await waitUntilHealthy(base, client: client)

        var sessions: [(tokens: HTTPTokenProvider, account: ParticipantAccount, device: String)] = []
        for (index, person) in DemoData.people.enumerated() {
            let device = "bench-phone-\(index)"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: person.account.participant.nik.rawValue,
                kpj: person.account.participant.kpj.rawValue,
                deviceID: device,
                client: client
            ) { DemoCodeSender.demoCode }
            sessions.append((tokens, person.account, device))
        }
        let transport = HTTPSyncTransport(baseURL: base, client: client)
        var counters = Array(repeating: Int64(0), count: sessions.count)
        var results: [(Int, Double, Double, Double)] = []
        for count in streams {
            let arrivals = Arrivals()
            var listeners: [Task<Void, Never>] = []
            let bucketCount = sessions.count
            for index in 0..<count {
                let session = sessions[index % sessions.count]
                let token = try await session.tokens.accessToken()
                let stream = LiveStream(baseURL: base, client: client).pokes(after: .start, accessToken: token)
                listeners.append(
                    Task {
                        arrivals.connected()
                        do { for try await poke in stream { arrivals.record(bucket: index % bucketCount, cursor: poke.cursor) } } catch {}
                    }
                )
            }
            try await Task.sleep(for: .seconds(Double(count) / 1_000 + 2))  // let every stream subscribe
            var latencies: [Double] = []
            for round in 0..<rounds {
                let bucket = round % sessions.count
                let session = sessions[bucket]
                counters[bucket] += 1
                let key = RecordKey(type: "profile", id: session.account.participant.id.rawValue.uuidString)
                var clock = HybridLogicalClock(node: session.device)
                let mutation = Mutation(
                    deviceID: session.device,
                    counter: counters[bucket],
                    clock: clock.tick(physicalMillis: Int64(Date().timeIntervalSince1970 * 1000) + counters[bucket]),
                    record: key,
                    operation: .update(fields: ["language": .string(round.isMultiple(of: 2) ? "su" : "id")])
                )
                let expected = (0..<count).filter { $0 % sessions.count == bucket }.count
                let started = ContinuousClock.now
                arrivals.expect(bucket: bucket, streams: expected, from: started)
                _ = try await transport.push(
                    PushRequest(deviceID: session.device, mutations: [mutation]),
                    accessToken: try await session.tokens.accessToken()
                )
                latencies += await arrivals.wait(timeout: .seconds(10))
            }
            for listener in listeners { listener.cancel() }
            let missing = rounds * (count / sessions.count) - latencies.count
            results.append((count, percentile(latencies, 50), percentile(latencies, 99), Double(max(missing, 0))))
            print(
                "poke latency, \(count) streams: p50 \(format(percentile(latencies, 50) * 1000, 2)) ms, p99 \(format(percentile(latencies, 99) * 1000, 2)) ms over \(latencies.count) pokes"
            )
            try await Task.sleep(for: .seconds(2))
        }
        if results.count >= 2 {
            print("ratio p99 \(results[1].0)/\(results[0].0) streams: \(format(results[1].2 / results[0].2, 2))")
        }
        try await client.shutdown()
    }

    func waitUntilHealthy(_ base: String, client: HTTPClient) async throws {
        for _ in 0..<200 {
            if let response = try? await client.execute(HTTPClientRequest(url: base + "/ready"), timeout: .seconds(1)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("jht-server did not become ready on \(base)")
    }
}

/// Collects when each stream of a bucket received the poke for the current round.
final class Arrivals: Sendable {
    struct State {
        var bucket = -1
        var expected = 0
        var started = ContinuousClock.now
        var latencies: [Double] = []
        var connected = 0
    }

    let state = Mutex(State())

    func connected() { state.withLock { $0.connected += 1 } }

    func expect(bucket: Int, streams: Int, from start: ContinuousClock.Instant) {
        state.withLock { $0 = State(bucket: bucket, expected: streams, started: start, latencies: [], connected: $0.connected) }
    }

    func record(bucket: Int, cursor: SyncCursor) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.bucket == bucket, state.latencies.count < state.expected { state.latencies.append(seconds(now - state.started)) }
        }
    }

    func wait(timeout: Duration) async -> [Double] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if state.withLock({ $0.latencies.count >= $0.expected }) { break }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return state.withLock { $0.latencies }
    }
}
