import Foundation

/// The test PostgreSQL server `scripts/test.sh` starts (`JHT_TEST_POSTGRES_URL`), driven with its
/// own client programs: a database per test, and `pg_amcheck` to check one.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["JHT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The server's client programs: `pg_config --bindir`, else Debian's newest version folder.
    static var binaries: URL? {
        if let bindir = try? run("pg_config", ["--bindir"]).output.trimmingCharacters(in: .whitespacesAndNewlines), !bindir.isEmpty,
            FileManager.default.fileExists(atPath: bindir + "/pg_amcheck")
        {
            return URL(fileURLWithPath: bindir)
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.last.map {
            URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin")
        }
    }

    /// The URL of `database` on the test server.
    static func url(of database: String) throws -> String {
        guard let url, var components = URLComponents(string: url) else { throw RawConnectionError("JHT_TEST_POSTGRES_URL is unset") }
        components.path = "/" + database
        return components.string!
    }

    static func createDatabase() throws -> (name: String, url: String) {
        let name = "jht_hostile_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let created = try run("psql", [try url(of: "postgres"), "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"])
        guard created.status == 0 else { throw RawConnectionError("CREATE DATABASE failed: \(created.output)") }
        return (name, try url(of: name))
    }

    static func dropDatabase(_ name: String) throws {
        _ = try run("psql", [try url(of: "postgres"), "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// `pg_amcheck` on every table and index of `database` (installing the amcheck extension).
    static func amcheck(_ database: String) throws -> (ran: Bool, clean: Bool, output: String) {
        guard let binaries, FileManager.default.fileExists(atPath: binaries.path + "/pg_amcheck") else {
            print("pg_amcheck is not installed: the PostgreSQL database was not checked")
            return (false, true, "not installed")
        }
        let components = URLComponents(string: try url(of: database))!
        let result = try run(
            binaries.path + "/pg_amcheck",
            [
                "--host", components.host ?? "127.0.0.1", "--port", "\(components.port ?? 5432)", "--username", components.user ?? "jht",
                "--install-missing", "--heapallindexed", "--parent-check", database,
            ]
        )
        return (true, result.status == 0, result.output)
    }

    /// Runs a program: a path, or a name looked up in the server's folder, then the PATH.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        if program.hasPrefix("/") { return try Command.run(URL(fileURLWithPath: program), arguments) }
        if program != "pg_config", let local = binaries?.appendingPathComponent(program),
            FileManager.default.isExecutableFile(atPath: local.path)
        {
            return try Command.run(local, arguments)
        }
        return try Command.run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments)
    }
}
