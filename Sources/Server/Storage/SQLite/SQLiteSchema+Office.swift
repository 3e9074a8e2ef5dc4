import GRDB

extension SQLiteSchema {
    /// The office tables: the append-only audit log (guarded by triggers) and the office's
    /// views of claim, notification, survey and biometric-attempt records, filled from the
    /// records already stored when the migration runs.
    static func registerOfficeMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-22-office") { db in
            try db.create(table: "officeAudit") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("id", .text).notNull().unique()
                t.column("claimID", .text).notNull().indexed()
                t.column("branchID", .text).notNull()
                t.column("at", .double).notNull()
                t.column("entry", .blob).notNull()
            }
            try db.create(index: "officeAudit_branch_at", on: "officeAudit", columns: ["branchID", "at"])
            for operation in ["UPDATE", "DELETE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER officeAudit_no\(operation.lowercased()) BEFORE \(operation) ON officeAudit
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                        """
                )
            }
            try db.create(table: "officeClaim") { t in
                t.primaryKey("claimID", .text)
                t.column("participantID", .text).notNull()
                t.column("branchID", .text).notNull()
                t.column("status", .text).notNull()
                t.column("statusSince", .double).notNull()
                t.column("claim", .blob).notNull()
                t.column("signatures", .blob).notNull()
            }
            try db.create(index: "officeClaim_branch_status", on: "officeClaim", columns: ["branchID", "status"])
            try db.create(table: "officeNotice") { t in
                t.primaryKey("id", .text)
                t.column("claimID", .text).notNull().indexed()
                t.column("kind", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
            try db.create(table: "officeSurvey") { t in
                t.primaryKey("claimID", .text)
                t.column("submittedAt", .double).notNull()
                t.column("survey", .blob).notNull()
            }
            try db.create(table: "officeBiometricAttempt") { t in
                t.primaryKey("id", .text)
                t.column("participantID", .text).notNull()
                t.column("passed", .boolean).notNull()
                t.column("attemptedAt", .double).notNull()
                t.column("attempt", .blob).notNull()
            }
            try db.create(
                index: "officeBiometricAttempt_participant",
                on: "officeBiometricAttempt",
                columns: ["participantID", "attemptedAt"]
            )
            try SQLiteStore.backfillOfficeViews(db)
        }
    }
}
