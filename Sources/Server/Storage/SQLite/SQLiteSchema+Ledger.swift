import Foundation
import GRDB
import Models

extension SQLiteSchema {
    /// The ledger: every participant's balance as an append-only list of entries (guarded by
    /// triggers), with at most one payment per claim. Balances stored on participants before
    /// the ledger existed become their opening entries.
    static func registerLedgerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-03-ledger") { db in
            try db.create(table: "ledgerEntry") { t in
                t.primaryKey("id", .text)
                t.column("participantID", .text).notNull().indexed()
                t.column("claimID", .text)
                t.column("amount", .integer).notNull()
                t.column("source", .blob).notNull()
                t.column("at", .double).notNull()
            }
            try db.execute(sql: "CREATE UNIQUE INDEX ledgerEntry_claim ON ledgerEntry(claimID) WHERE claimID IS NOT NULL")
            for operation in ["UPDATE", "DELETE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER ledgerEntry_no\(operation.lowercased()) BEFORE \(operation) ON ledgerEntry
                        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END
                        """
                )
            }
            let now = Date()
            let rows = try Row.fetchAll(db, sql: "SELECT id, balance FROM participant WHERE balance <> 0")
            for row in rows {
                let entry = LedgerRow.opening(.init(try StoredValue.uuid(row["id"])), balance: .init(row["balance"]), at: now)
                // As shipped: plain (the sealing migration that follows seals it).
                try SQLiteStore.insert(try LedgerRow(entry, sealing: .plain), in: db)
            }
            try db.execute(sql: "UPDATE participant SET balance = 0")
        }
    }
}

extension SQLiteStore {
    public func ledger(of participant: Participant.ID) async throws -> Ledger {
        let sealing = sealing
        return try await writer.read { db in try Self.ledger(of: participant.rawValue.uuidString, sealing: sealing, in: db) }
    }

    static func insert(_ row: LedgerRow, in db: Database) throws {
        try db.execute(
            cached: "INSERT INTO ledgerEntry (id, participantID, claimID, amount, source, at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [row.id, row.participantID, row.claimID, row.amount, row.source, row.at]
        )
    }

    /// A participant's ledger, oldest first.
    static func ledger(of participant: String, sealing: Sealing, in db: Database) throws -> Ledger {
        let rows = try Row.fetchAll(
            db,
            cached: "SELECT id, participantID, claimID, amount, source, at FROM ledgerEntry WHERE participantID = ? ORDER BY at, id",
            arguments: [participant]
        )
        return Ledger(
            entries: try rows.map { row in
                try LedgerRow(
                    id: row["id"],
                    participantID: row["participantID"],
                    claimID: row["claimID"],
                    amount: row["amount"],
                    source: row["source"],
                    at: row["at"]
                ).entry(sealing: sealing)
            }
        )
    }

    /// A participant's account with the balance its ledger holds.
    static func account(_ row: Row, sealing: Sealing, in db: Database) throws -> ParticipantAccount {
        try account(from: row, sealing: sealing).withBalance(of: ledger(of: row["id"], sealing: sealing, in: db))
    }
}
