import ArgumentParser
import AsyncHTTPClient
import Foundation
import GRDB
import PhoneSync
import Sync

/// 100-mutation pushes through HTTP beside a raw SQLite insert of the same rows into the same
/// kind of database (a WAL file), one transaction per batch, in the same run. The raw insert is
/// measured twice: compiling its statement for each row (as the figure in issue 12 was), and
/// with one prepared statement (the stricter baseline).
struct BatchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "100-mutation pushes vs a raw SQLite insert.")

    @Option(help: "Requests per phone and round.") var requests = 30
    @Option(help: "Mutations per request.") var batch = 100
    @Option(help: "Phones pushing at once (each its own participant).") var phones = 4
    @Option(help: "Rounds of each (alternating); the median counts.") var rounds = 3

    func run() async throws {
        let folder = try BenchFolder()
        defer { folder.remove() }
        let service = try await InProcessServer.service(
            database: folder.path("server.sqlite"),
            blobs: folder.path("blobs"),
            population: phones
        )
        let load = ProcessStats.loadAverage()
        var pushRates: [Double] = []
        var compiledRates: [Double] = []
        var preparedRates: [Double] = []
        try await HTTPClient.withBench(connections: phones * 2) { client in
            var phoneStates = try await BenchPhone.signIn(members: 0..<phones, baseURL: service.baseURL, client: client)
            let url = service.baseURL + "/v1/sync/push"
            let raw = try DatabasePool(path: folder.path("raw.sqlite"))
            try await raw.write { db in
                try db.execute(sql: "CREATE TABLE mutation (device TEXT, counter INTEGER, body BLOB, PRIMARY KEY (device, counter))")
            }
            for round in 0...rounds {
                // Every phone's batches, made up front so only the push is timed.
                var work: [[PushRequest]] = []
                for index in phoneStates.indices {
                    work.append((0..<requests).map { _ in phoneStates[index].nextPush(mutations: batch) })
                }
                let total = Double(phones * requests * batch)
                let start = ContinuousClock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, requests) in work.enumerated() {
                        let phone = phoneStates[index]
                        group.addTask { for request in requests { try await phone.send(request, to: url, client: client) } }
                    }
                    try await group.waitForAll()
                }
                let pushRate = total / seconds(ContinuousClock.now - start)
                let compiled = try await Self.rawInsert(work, into: raw, prepared: false)
                let prepared = try await Self.rawInsert(work, into: raw, prepared: true)
                // Round 0 warms up: connections, statements, code paths.
                guard round > 0 else { continue }
                pushRates.append(pushRate)
                compiledRates.append(total / compiled)
                preparedRates.append(total / prepared)
                print(
                    "round \(round): push \(format(pushRate, 0)), raw \(format(compiledRates.last!, 0)) (compiled per row), \(format(preparedRates.last!, 0)) (prepared) rows/s"
                )
            }
        }
        await service.stop()
        let push = median(pushRates)
        print(
            "\(batch)-mutation push: \(phones) phones at once, \(requests) requests each, \(rounds) rounds (load average \(format(load, 2)) at the start)"
        )
        print("  HTTP push:                          \(format(push, 0)) mutations/s (median)")
        print("  raw SQLite insert, compiled per row: \(format(median(compiledRates), 0)) rows/s (median)")
        print("  raw SQLite insert, prepared:         \(format(median(preparedRates), 0)) rows/s (median)")
        print("  ratio push/raw (compiled per row):   \(format(push / median(compiledRates), 3))")
        print("  ratio push/raw (prepared):           \(format(push / median(preparedRates), 3))")
    }

    /// Inserts every mutation of `work` as a row (device, counter, JSON body), one transaction
    /// per request; the seconds it took. Rows of an earlier call are deleted first (untimed).
    static func rawInsert(_ work: [[PushRequest]], into pool: DatabasePool, prepared: Bool) async throws -> Double {
        try await pool.write { db in try db.execute(sql: "DELETE FROM mutation") }
        let sql = "INSERT INTO mutation (device, counter, body) VALUES (?, ?, ?)"
        let start = ContinuousClock.now
        for requests in work {
            for request in requests {
                let rows = try request.mutations.map { ($0.deviceID, $0.counter, try WireCoding.encoder.encode($0)) }
                try await pool.write { db in
                    let statement = prepared ? try db.cachedStatement(sql: sql) : nil
                    for row in rows {
                        if let statement {
                            try statement.execute(arguments: [row.0, row.1, row.2])
                        } else {
                            try db.execute(sql: sql, arguments: [row.0, row.1, row.2])
                        }
                    }
                }
            }
        }
        return seconds(ContinuousClock.now - start)
    }
}
