import GRDB

/// Owns the SQLite schema. Migrations are named and append-only: never edit one that has
/// shipped; add the next.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-21-core") { db in
            try db.create(table: "branch") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("city", .text).notNull()
                t.column("timeZone", .text).notNull()
                t.column("dailyJHTQuota", .integer).notNull()
                t.column("opensAtMinute", .integer).notNull()
                t.column("closesAtMinute", .integer).notNull()
            }
            try db.create(table: "participant") { t in
                t.primaryKey("id", .text)
                t.column("nik", .text).notNull().unique()
                t.column("kpj", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("birthDate", .text).notNull()
                t.column("sex", .text).notNull()
                t.column("phone", .text)
                t.column("email", .text)
                t.column("branchID", .text).notNull().references("branch")
                t.column("dataUpdateCompletedAt", .double)
                // Membership, one row per participant.
                t.column("membershipStatus", .text).notNull()
                t.column("employerName", .text).notNull()
                t.column("memberSince", .text).notNull()
                t.column("endOfWorkDate", .text)
                t.column("balance", .integer).notNull()
                t.column("partialClaimTaken", .boolean).notNull()
                t.column("hasTaxNumber", .boolean).notNull()
            }
            try db.create(table: "officer") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("employeeNumber", .text).notNull().unique()
                t.column("branchID", .text).notNull().references("branch")
                t.column("roles", .text).notNull()
                t.column("phone", .text)
            }
            try db.create(table: "signInChallenge") { t in
                t.primaryKey("id", .text)
                t.column("principalKind", .text).notNull()
                t.column("principalID", .text).notNull()
                t.column("deviceID", .text).notNull()
                t.column("codeDigest", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("expiresAt", .double).notNull()
                t.column("failedAttempts", .integer).notNull().defaults(to: 0)
                t.column("consumedAt", .double)
            }
            try db.create(index: "signInChallenge_principal", on: "signInChallenge", columns: ["principalID", "createdAt"])
            try db.create(table: "refreshToken") { t in
                t.primaryKey("digest", .text)
                t.column("familyID", .text).notNull().indexed()
                t.column("principalKind", .text).notNull()
                t.column("principalID", .text).notNull()
                t.column("deviceID", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("expiresAt", .double).notNull()
                t.column("replacedAt", .double)
                t.column("revokedAt", .double)
            }
            try db.create(table: "setting") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        registerSyncMigrations(&migrator)
        registerOfficeMigrations(&migrator)
        registerFallbackMigrations(&migrator)
        registerUploadMigrations(&migrator)
        registerBucketSequenceMigrations(&migrator)
        registerLedgerMigrations(&migrator)
        registerAuthMigrations(&migrator)
        return migrator
    }
}
