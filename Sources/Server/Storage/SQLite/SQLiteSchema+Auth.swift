import GRDB

extension SQLiteSchema {
    /// Sign-in after the core tables.
    static func registerAuthMigrations(_ migrator: inout DatabaseMigrator) {
        // The token-signing secret leaves the database (whoever read the file could sign an
        // officer's token): signing keys come from a key file or the environment. Codes of open
        // challenges were made with the old secret, so those challenges end (ask for a new code).
        migrator.registerMigration("2026-12-03-signing-key-leaves-the-database") { db in
            try db.execute(sql: "DELETE FROM setting WHERE name = 'token-signing-key'")
            try db.execute(sql: "UPDATE signInChallenge SET expiresAt = 0 WHERE consumedAt IS NULL")
        }
        // Ended sign-ins are read when the service starts (RevokedSessions).
        migrator.registerMigration("2026-12-03-refresh-token-revocations") { db in
            try db.create(index: "refreshToken_revokedAt", on: "refreshToken", columns: ["revokedAt"])
        }
        // Wrong one-time codes per identity, for progressive lock-outs.
        migrator.registerMigration("2026-12-03-sign-in-lockouts") { db in
            try db.create(table: "signInLockout") { t in
                t.primaryKey("principalID", .text)
                t.column("failures", .integer).notNull()
                t.column("lockedUntil", .double)
                t.column("lastFailureAt", .double).notNull()
            }
        }
    }
}
