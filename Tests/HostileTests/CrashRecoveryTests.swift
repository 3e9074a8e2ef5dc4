import Foundation
import GRDB
import Server
import Testing

/// `kill -9` under concurrent pushes, on SQLite and on PostgreSQL: every acknowledged mutation
/// survives, no device counter goes back, the database checks clean, and nothing the servers
/// logged at debug level shows a demo participant's personal data.
///
/// `JHT_HOSTILE_KILLS` sets the kills per store (3 in the test command; `scripts/hostile.sh
/// --long` runs 50).
@Suite("Crash recovery under kill -9", .serialized)
struct CrashRecoveryTests {
    static let kills = Int(ProcessInfo.processInfo.environment["JHT_HOSTILE_KILLS"] ?? "") ?? 3

    @Test func sqlite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-kill-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("jht.sqlite").path
        var checks = 0
        let drill = CrashDrill(
            arguments: ["--database", database, "--blobs", folder.appendingPathComponent("blobs").path, "--log-level", "debug"],
            kills: Self.kills
        ) {
            let queue = try DatabaseQueue(path: database)
            let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            let foreignKeys = try queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
            #expect(integrity == ["ok"], "PRAGMA integrity_check after a kill")
            #expect(foreignKeys.isEmpty, "PRAGMA foreign_key_check after a kill")
            checks += 1
        }
        let outcome = try await drill.run()
        report("SQLite", outcome, checks: checks)
    }

    @Test(.enabled(if: TestPostgres.url != nil, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func postgres() async throws {
        let database = try TestPostgres.createDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-kill-pg-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CrashDrill(
            arguments: [
                "--database", database.url, "--signing-keys", folder.appendingPathComponent("jht.keys").path,
                "--blobs", folder.appendingPathComponent("blobs").path, "--log-level", "debug",
            ],
            kills: Self.kills
        ).run()
        let amcheck = try TestPostgres.amcheck(database.name)
        #expect(amcheck.clean, "pg_amcheck: \(amcheck.output)")
        report("PostgreSQL", outcome, checks: amcheck.ran ? 1 : 0)
        try TestPostgres.dropDatabase(database.name)
    }

    func report(_ store: String, _ outcome: CrashDrill.Outcome, checks: Int) {
        print(
            "kill -9 on \(store): \(Self.kills) kills, \(outcome.acknowledgedPushes) pushes (\(outcome.acknowledgedMutations) mutations) acknowledged, "
                + "\(outcome.unansweredAtKill) unanswered at a kill, \(checks) database checks, \(outcome.log.split(separator: "\n").count) log lines"
        )
        #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(10))")
        #expect(outcome.acknowledgedPushes > Self.kills, "the phones got pushes through between the kills")
        let leaked = DemoData.personalData(in: outcome.log)
        #expect(leaked.isEmpty, "personal data in the servers' debug log: \(leaked)")
    }
}
