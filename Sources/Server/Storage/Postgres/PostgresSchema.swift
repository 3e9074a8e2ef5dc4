import Foundation
import Logging
import PostgresNIO

/// Owns the PostgreSQL schema: named, append-only migrations, the same tables as
/// ``SQLiteSchema`` in PostgreSQL's types (times as `double precision` seconds since 1970,
/// JSON values as `bytea`). Never edit a migration that has shipped; add the next.
///
/// Identifiers are unquoted, so PostgreSQL folds them to lower case; every query spells them
/// the same way and reads columns by position.
enum PostgresSchema {
    struct Migration {
        var name: String
        var statements: [String]
    }

    static let migrations: [Migration] = [
        core, sync, office, fallback, uploads, bucketSequences, ledger, signingKeyLeaves, refreshTokenRevocations, signInLockouts,
    ]

    /// Any constant: the key of the advisory lock that keeps two processes starting at once from
    /// migrating together.
    static let migrationLock: Int64 = 0x4A48_545F_5359_4E43

    /// Applies the migrations not applied yet, in one transaction.
    static func migrate(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schemaMigration (name text PRIMARY KEY, appliedAt double precision NOT NULL)",
                logger: logger
            )
            var applied: Set<String> = []
            for row in try await connection.rows("SELECT name FROM schemaMigration", logger: logger) {
                applied.insert(try row.decode(String.self))
            }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query(
                    "INSERT INTO schemaMigration (name, appliedAt) VALUES (\(migration.name), \(now))",
                    logger: logger
                )
                logger.info("migrated the PostgreSQL schema", metadata: ["migration": "\(migration.name)"])
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    static let core = Migration(
        name: "2026-11-21-core",
        statements: [
            """
            CREATE TABLE branch (id text PRIMARY KEY, name text NOT NULL, city text NOT NULL, timeZone text NOT NULL,
              dailyJHTQuota bigint NOT NULL, opensAtMinute bigint NOT NULL, closesAtMinute bigint NOT NULL)
            """,
            """
            CREATE TABLE participant (id text PRIMARY KEY, nik text NOT NULL UNIQUE, kpj text NOT NULL UNIQUE, name text NOT NULL,
              birthDate text NOT NULL, sex text NOT NULL, phone text, email text, branchID text NOT NULL REFERENCES branch(id),
              dataUpdateCompletedAt double precision,
              membershipStatus text NOT NULL, employerName text NOT NULL, memberSince text NOT NULL, endOfWorkDate text,
              balance bigint NOT NULL, partialClaimTaken boolean NOT NULL, hasTaxNumber boolean NOT NULL)
            """,
            """
            CREATE TABLE officer (id text PRIMARY KEY, name text NOT NULL, employeeNumber text NOT NULL UNIQUE,
              branchID text NOT NULL REFERENCES branch(id), roles text NOT NULL, phone text)
            """,
            """
            CREATE TABLE signInChallenge (id text PRIMARY KEY, principalKind text NOT NULL, principalID text NOT NULL,
              deviceID text NOT NULL, codeDigest text NOT NULL, createdAt double precision NOT NULL,
              expiresAt double precision NOT NULL, failedAttempts bigint NOT NULL DEFAULT 0, consumedAt double precision)
            """,
            "CREATE INDEX signInChallenge_principal ON signInChallenge (principalID, createdAt)",
            """
            CREATE TABLE refreshToken (digest text PRIMARY KEY, familyID text NOT NULL, principalKind text NOT NULL,
              principalID text NOT NULL, deviceID text NOT NULL, createdAt double precision NOT NULL,
              expiresAt double precision NOT NULL, replacedAt double precision, revokedAt double precision)
            """,
            "CREATE INDEX refreshToken_family ON refreshToken (familyID)",
            "CREATE TABLE setting (name text PRIMARY KEY, value text NOT NULL)",
        ]
    )
}
