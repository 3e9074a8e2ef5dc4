import ArgumentParser
import Foundation
import GRDB
import Logging
import Models
import PostgresNIO
import Server

/// A month of contributions: every member's balance credited by the server-side bulk job (one
/// ledger entry each, in its own bucket transaction with the membership statement, poked), on
/// SQLite and on PostgreSQL; beside a raw insert of the same entries, one transaction each at
/// the same concurrency, on the same kind of database in the same run.
struct ContributionsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributions",
        abstract: "The monthly contributions job on SQLite and PostgreSQL vs raw inserts; the projection for 41.46 million members."
    )

    @Option(help: "Members credited.") var members = 20_000
    @Option(help: "Postings at once.") var concurrency = 16
    @Option(help: "A PostgreSQL server to create the run's database on (postgres://user@host:port/postgres); SQLite only without it.")
    var postgres: String?

    static let participants = 41_460_000.0

    func run() async throws {
        let folder = try BenchFolder()
        defer { folder.remove() }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        print(
            "a month of contributions: \(members) members, \(concurrency) postings at once (load average \(format(ProcessStats.loadAverage(), 2)))"
        )

        // Fresh databases: their data keys are wrapped by a key-encryption key of this run.
        let keyEncryption = KeyEncryptionKeyRing.new()
        let sqlite = try SQLiteStore(path: folder.path("job.sqlite"), keyEncryption: keyEncryption)
        try await seed(sqlite)
        let raw = try DatabasePool(path: folder.path("raw.sqlite"))
        try await raw.write { db in
            try db.execute(
                sql: "CREATE TABLE entry (id TEXT PRIMARY KEY, participant TEXT NOT NULL, amount INTEGER NOT NULL, source BLOB NOT NULL)"
            )
        }
        let sqliteRaw = try await timed(members) { index in
            let row = Self.row(index)
            try await raw.write { db in
                try db.execute(
                    sql: "INSERT INTO entry (id, participant, amount, source) VALUES (?, ?, ?, ?)",
                    arguments: [row.0, row.1, row.2, row.3]
                )
            }
        }
        let sqliteJob = try await job(on: sqlite, logger: logger)
        report("SQLite (WAL file)", job: sqliteJob, raw: sqliteRaw)

        guard let postgres else { return }
        let probe = try PostgresProbe.connect(postgres)
        let name = "jht_bench_contributions"
        let url = try await probe.createDatabase(name)
        let store = try await PostgresStore.connect(to: try PostgresLocation(url: url), keyEncryption: keyEncryption, logger: logger)
        let empty = try await databaseSize(name, probe: probe)
        try await seed(store)
        try await probe.client.query(
            PostgresQuery(
                unsafeSQL:
                    "CREATE TABLE raw_entry (id text PRIMARY KEY, participant text NOT NULL, amount bigint NOT NULL, source bytea NOT NULL)"
            )
        )
        let postgresRaw = try await timed(members) { index in
            let row = Self.row(index)
            try await probe.client.query(
                "INSERT INTO raw_entry (id, participant, amount, source) VALUES (\(row.0), \(row.1), \(row.2), \(row.3))"
            )
        }
        try await probe.client.query("DROP TABLE raw_entry")
        let postgresJob = try await job(on: store, logger: logger)
        report("PostgreSQL", job: postgresJob, raw: postgresRaw)
        let size = try await databaseSize(name, probe: probe)
        // What the members and their month add to the empty schema.
        let perMember = (size - empty) / Double(members)
        print(
            "  database: \(mib(size)) (\(mib(empty)) empty) for \(members) members with one month: \(format(perMember / 1024, 1)) KiB per member"
        )
        print(
            "  41.46 million members on one primary of this size: \(format(Self.participants / postgresJob / 3600, 1)) hours for the month's job; \(format(perMember * Self.participants / 1_073_741_824, 0)) GiB"
        )
        await store.shutdown()
        await probe.dropDatabase(name)
        await probe.close()
    }

    func databaseSize(_ name: String, probe: PostgresProbe) async throws -> Double {
        var size: Int64 = 0
        for try await bytes in try await probe.client.query(PostgresQuery(unsafeSQL: "SELECT pg_database_size('\(name)')")).decode(
            Int64.self
        ) {
            size = bytes
        }
        return Double(size)
    }

    /// Saves members 0..<members, `concurrency` at a time (untimed).
    func seed(_ store: any Store) async throws {
        _ = try await DemoData.seedIfEmpty(store)  // the branches
        try await forEach(members) { index in try await store.save(account: DemoPopulation.member(index).account) }
    }

    /// The job over every member; commits per second.
    func job(on store: any Store, logger: Logger) async throws -> Double {
        let credits = (0..<members).map { index in
            ContributionJob.Credit(
                id: UUID(),
                participantID: DemoPopulation.member(index).account.participant.id,
                amount: Rupiah(Int64(150_000 + index % 50 * 1_000)),
                period: "2026-11",
                employer: "PT Tekstil Cigondewah"
            )
        }
        let start = ContinuousClock.now
        let summary = try await ContributionJob(store: store, logger: logger).run(credits, concurrency: concurrency)
        let elapsed = seconds(ContinuousClock.now - start)
        guard summary.posted == members else { throw BenchFailure("the job posted \(summary.posted) of \(members): \(summary)") }
        return Double(members) / elapsed
    }

    func timed(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await forEach(count, body)
        return Double(count) / seconds(ContinuousClock.now - start)
    }

    /// Runs `body` for 0..<count, `concurrency` at a time.
    func forEach(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < min(concurrency, count) {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            while try await group.next() != nil, next < count {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            try await group.waitForAll()
        }
    }

    /// The raw baseline's row for member `index`: the entry as the job stores it, roughly.
    static func row(_ index: Int) -> (String, String, Int64, Data) {
        let participant = DemoPopulation.member(index).account.participant.id.rawValue.uuidString
        let source = Data(#"{"contribution":{"period":"2026-11","employer":"PT Tekstil Cigondewah"}}"#.utf8)
        return (UUID().uuidString, participant, Int64(150_000 + index % 50 * 1_000), source)
    }

    func report(_ store: String, job: Double, raw: Double) {
        print("  \(store): job \(format(job, 0)) commits/s, raw insert \(format(raw, 0)) commits/s: ratio \(format(job / raw, 3))")
    }
}
