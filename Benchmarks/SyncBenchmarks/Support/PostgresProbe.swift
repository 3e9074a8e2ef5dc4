import Foundation
import Logging
import PostgresNIO
import Server
import Synchronization

/// A connection to the benchmark's PostgreSQL server beside the service's own: creates and
/// drops the run's database, and reads what the server says about where its time goes
/// (commits, WAL flushes, what its backends wait for).
struct PostgresProbe {
    let client: PostgresClient
    let task: Task<Void, Never>
    let server: PostgresLocation

    /// Connects to `url`'s server (its database is only the one to connect to).
    static func connect(_ url: String) throws -> PostgresProbe {
        let location = try PostgresLocation(url: url)
        let configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: .disable
        )
        let client = PostgresClient(configuration: configuration)
        return PostgresProbe(client: client, task: Task { await client.run() }, server: location)
    }

    func close() async {
        task.cancel()
        await task.value
    }

    /// Creates an empty database `name` (dropping one left by an earlier run); its URL.
    func createDatabase(_ name: String) async throws -> String {
        try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        return "postgres://\(server.username)@\(server.host):\(server.port)/\(name)?sslmode=disable"
    }

    func dropDatabase(_ name: String) async {
        _ = try? await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    /// Counters of the whole server that only grow: commits, WAL records and flushes.
    struct Counters {
        var commits: Int64 = 0
        var walRecords: Int64 = 0
        var walBytes: Double = 0
        var walSyncs: Int64 = 0
        var walSyncMillis: Double = 0

        static func - (a: Counters, b: Counters) -> Counters {
            Counters(
                commits: a.commits - b.commits,
                walRecords: a.walRecords - b.walRecords,
                walBytes: a.walBytes - b.walBytes,
                walSyncs: a.walSyncs - b.walSyncs,
                walSyncMillis: a.walSyncMillis - b.walSyncMillis
            )
        }
    }

    func counters(database: String) async throws -> Counters {
        var counters = Counters()
        for try await (commits) in try await client.query(
            PostgresQuery(unsafeSQL: "SELECT xact_commit FROM pg_stat_database WHERE datname = '\(database)'")
        ).decode(Int64.self) {
            counters.commits = commits
        }
        for try await (records, bytes, syncs, millis) in try await client.query(
            "SELECT wal_records, wal_bytes::float8, wal_sync, wal_sync_time FROM pg_stat_wal"
        ).decode((Int64, Double, Int64, Double).self) {
            counters.walRecords = records
            counters.walBytes = bytes
            counters.walSyncs = syncs
            counters.walSyncMillis = millis
        }
        return counters
    }

    /// Every process of the server that shows in `pg_stat_activity` (client backends, WAL writer,
    /// checkpointer, ...): the processes whose CPU is PostgreSQL's.
    func serverPIDs() async throws -> [Int32] {
        var pids: [Int32] = []
        for try await pid in try await client.query("SELECT pid FROM pg_stat_activity").decode(Int32.self) { pids.append(pid) }
        return pids
    }

    /// What the database's backends are doing, sampled every `interval` until the task is
    /// cancelled: "CPU" (active, waiting for nothing), "client" (a transaction waiting for the
    /// service's next statement), "idle" (no transaction), or the wait event.
    func sampleActivity(database: String, every interval: Duration, into samples: Tally) async {
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT state, coalesce(wait_event_type, ''), coalesce(wait_event, '') FROM pg_stat_activity
                WHERE datname = '\(database)' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                """
        )
        while !Task.isCancelled {
            if let rows = try? await client.query(query).decode((String, String, String).self) {
                var seen: [String: Int] = [:]
                do {
                    for try await (state, type, event) in rows {
                        let name: String =
                            switch (state, type) {
                            case ("idle", _): "idle"
                            case ("idle in transaction", "Client"): "client (in a transaction)"
                            case ("active", ""): "CPU"
                            default: "\(type):\(event)"
                            }
                        seen[name, default: 0] += 1
                    }
                } catch {}
                samples.add(seen)
            }
            try? await Task.sleep(for: interval)
        }
    }
}

/// Counts by name, added to from any task.
final class Tally: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func add(_ more: [String: Int]) { counts.withLock { $0.merge(more, uniquingKeysWith: +) } }

    var all: [String: Int] { counts.withLock { $0 } }
}
