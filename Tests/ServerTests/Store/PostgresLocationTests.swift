import Foundation
import Server
import Testing

/// `--database` and `JHT_DATABASE`: a URL selects PostgreSQL, anything else a SQLite file, and
/// a password never shows in what the server prints.
@Suite("Database location")
struct PostgresLocationTests {
    @Test func aPostgresURLIsParsedAndShownWithoutItsPassword() throws {
        let location = try PostgresLocation(url: "postgres://jht:s3cret@127.0.0.1:54329/jht_sync?sslmode=disable")
        #expect(
            location
                == PostgresLocation(
                    host: "127.0.0.1",
                    port: 54329,
                    username: "jht",
                    password: "s3cret",
                    database: "jht_sync",
                    tls: .disable
                )
        )
        #expect(location.redacted == "postgres://jht:***@127.0.0.1:54329/jht_sync?sslmode=disable")
        #expect(!location.redacted.contains("s3cret"))
        let defaults = try PostgresLocation(url: "postgresql://jht@db.internal/jht")
        #expect(defaults.port == 5432)
        #expect(defaults.tls == .prefer)
        #expect(defaults.password == nil)
        #expect(defaults.redacted == "postgres://jht@db.internal:5432/jht")
    }

    @Test func aPathSelectsSQLite() throws {
        #expect(try DatabaseLocation("data/jht-sync.sqlite") == .sqlite(path: "data/jht-sync.sqlite"))
        #expect(try DatabaseLocation(":memory:") == .sqlite(path: ":memory:"))
        guard case .postgres(let location) = try DatabaseLocation("postgres://jht@127.0.0.1:5433/jht") else {
            Issue.record("a URL selects PostgreSQL")
            return
        }
        #expect(location.port == 5433)
        #expect(try DatabaseLocation("postgres://jht:pw@127.0.0.1/jht").displayName == "PostgreSQL: postgres://jht:***@127.0.0.1:5432/jht")
    }

    @Test(arguments: [
        "postgres://127.0.0.1/jht",
        "postgres://jht@/jht",
        "postgres://jht@127.0.0.1",
        "postgres://jht:pw@127.0.0.1/jht?sslmode=sometimes",
        "postgres://jht:pw@127.0.0.1/jht?password=other",
    ])
    func incompleteURLsAreRefusedWithoutEchoingThePassword(_ url: String) {
        #expect {
            try PostgresLocation(url: url)
        } throws: { error in
            "\(error)".contains("database URL") && !"\(error)".contains("pw")
        }
    }

    /// Nothing listens on port 1: the error names the server, never the password.
    @Test func anUnreachableServerFailsAtOnceWithoutThePassword() async throws {
        let location = PostgresLocation(host: "127.0.0.1", port: 1, username: "jht", password: "s3cret", database: "jht", tls: .disable)
        await #expect {
            _ = try await PostgresStore.connect(to: location, keyEncryption: .forTests, logger: PostgresTestDatabase.logger)
        } throws: { error in
            let text = "\(error)"
            return error is PostgresStore.ConnectionError && text.contains("postgres://jht:***@127.0.0.1:1/jht") && !text.contains("s3cret")
        }
    }

    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func aMissingDatabaseIsNamedWithPostgreSQLsReason() async throws {
        let server = try PostgresLocation(url: try #require(PostgresTestDatabase.url))
        let missing = server.database("jht_missing_\(UUID().uuidString.prefix(8).lowercased())")
        await #expect {
            _ = try await PostgresStore.connect(to: missing, keyEncryption: .forTests, logger: PostgresTestDatabase.logger)
        } throws: { error in
            "\(error)".contains("does not exist") && "\(error)".contains(missing.database)
        }
    }
}
