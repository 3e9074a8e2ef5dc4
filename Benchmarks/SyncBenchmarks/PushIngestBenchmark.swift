import ArgumentParser
import AsyncHTTPClient
import Foundation
import GRDB
import Hummingbird
import Logging
import Models
import NIOCore
import NIOHTTP1
import Server
import Sync
import SyncHTTP

/// Push ingest through HTTP, 100 mutations per request, beside a raw SQLite insert of the
/// same rows into the same kind of database (a WAL file, synchronous=NORMAL) in the same run.
struct PushIngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "push", abstract: "Push ingest vs raw SQLite insert.")

    @Option(help: "Requests per phone.") var requests = 50
    @Option(help: "Mutations per request.") var batch = 100
    @Option(help: "Phones pushing at once (distinct participants).") var phones = 4

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let configuration = ServerConfiguration(port: 0, databasePath: folder.appendingPathComponent("server.sqlite").path, demo: true)
        let dependencies = try ServerDependencies.live(for: configuration, logger: logger)
        let ports = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies) { port in
            ports.continuation.yield(port)
        }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.stream.makeAsyncIterator()
        let base = "http://127.0.0.1:\(await iterator.next()!)"

        let people = Array(DemoData.people.prefix(phones))
        var sessions: [(HTTPTokenProvider, ParticipantAccount, String)] = []
        for (index, person) in people.enumerated() {
            let device = "bench-phone-\(index)"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: person.account.participant.nik.rawValue,
                kpj: person.account.participant.kpj.rawValue,
                deviceID: device
            ) { DemoCodeSender.demoCode }
            sessions.append((tokens, person.account, device))
        }
        let transport = HTTPSyncTransport(baseURL: base)
        // Every phone's batches, made up front so only the push is timed.
        let work: [[PushRequest]] = sessions.map { _, account, device in
            var clock = HybridLogicalClock(node: device)
            let key = RecordKey(type: "profile", id: account.participant.id.rawValue.uuidString)
            var counter: Int64 = 0
            return (0..<requests).map { _ in
                PushRequest(
                    deviceID: device,
                    mutations: (0..<batch).map { _ in
                        counter += 1
                        let millis = Int64(Date().timeIntervalSince1970 * 1000)
                        return Mutation(
                            deviceID: device,
                            counter: counter,
                            clock: clock.tick(physicalMillis: millis),
                            record: key,
                            operation: .update(fields: ["email": .string("p\(counter)@example.co.id")])
                        )
                    }
                )
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, requests) in work.enumerated() {
                let tokens = sessions[index].0
                group.addTask {
                    for request in requests {
                        let response = try await transport.push(request, accessToken: try await tokens.accessToken())
                        precondition(response.results.count == request.mutations.count)
                    }
                }
            }
            try await group.waitForAll()
        }
        let httpSeconds = seconds(clock.now - start)
        let total = Double(phones * requests * batch)
        let pushRate = total / httpSeconds

        // Baseline: the same mutations inserted as rows, one transaction per batch.
        let pool = try DatabasePool(path: folder.appendingPathComponent("raw.sqlite").path)
        try await pool.write { db in
            try db.execute(sql: "CREATE TABLE mutation (device TEXT, counter INTEGER, body BLOB, PRIMARY KEY (device, counter))")
        }
        let encoder = JSONEncoder()
        let rawStart = clock.now
        for requests in work {
            for request in requests {
                let rows = try request.mutations.map { ($0.deviceID, $0.counter, try encoder.encode($0)) }
                try await pool.write { db in
                    for row in rows {
                        try db.execute(
                            sql: "INSERT INTO mutation (device, counter, body) VALUES (?, ?, ?)",
                            arguments: [row.0, row.1, row.2]
                        )
                    }
                }
            }
        }
        let rawSeconds = seconds(clock.now - rawStart)
        let rawRate = total / rawSeconds
        print("push ingest: \(Int(total)) mutations, \(batch) per request, \(phones) phones at once")
        print("  HTTP push:        \(format(pushRate, 0)) mutations/s (\(format(httpSeconds, 2)) s)")
        print("  raw SQLite insert: \(format(rawRate, 0)) rows/s (\(format(rawSeconds, 2)) s)")
        print("  ratio push/raw:   \(format(pushRate / rawRate, 3))")
    }
}
