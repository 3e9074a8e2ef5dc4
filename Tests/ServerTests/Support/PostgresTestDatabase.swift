import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Server

/// A fresh PostgreSQL database for each test, on the server `JHT_TEST_POSTGRES_URL` names (a
/// role that may create databases, for example `postgres://jht@127.0.0.1:54329/postgres`).
/// Tests run in parallel, so none shares a database; the test server is thrown away whole.
enum PostgresTestDatabase {
    static let url: String? = ProcessInfo.processInfo.environment["JHT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var isConfigured: Bool { url != nil }

    /// Background connection chatter stays out of the test output; failures still throw.
    static var logger: Logger {
        var logger = Logger(label: "postgres-test")
        logger.logLevel = .error
        return logger
    }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "JHT_TEST_POSTGRES_URL is unset (scripts/test.sh starts a server and sets it)" }
    }

    /// Creates an empty database and returns where it is.
    static func create() async throws -> PostgresLocation {
        guard let url else { throw NotConfigured() }
        let server = try PostgresLocation(url: url)
        let name = "jht_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let connection = try await PostgresStore.openConnection(to: server, logger: logger)
        do {
            try await connection.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        } catch {
            try? await connection.close()
            throw PostgresStore.ConnectionError(location: server, doing: "creating the test database \(name)", error: error)
        }
        try await connection.close()
        return server.database(name)
    }

    /// A store on a new database, schema migrated; a small pool, as many tests run at once.
    static func store(logger: Logger = logger) async throws -> PostgresStore {
        try await PostgresStore.connect(to: try await create(), maximumConnections: 4, logger: logger)
    }
}

extension PostgresStore {
    /// Waits until `count` connections of the store's database listen on `channel` (each
    /// process's listeners start with its service group); records an issue if they never do.
    func waitForListeners(_ count: Int, on channel: String) async throws {
        for _ in 0..<200 {
            let listening =
                try await rows(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE \("LISTEN%\(channel)%")"
                ).first?.decode(Int.self) ?? 0
            if listening >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("fewer than \(count) processes listen on \(channel)")
    }
}
