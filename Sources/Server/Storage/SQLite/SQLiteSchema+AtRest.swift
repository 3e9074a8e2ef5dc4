import Foundation
import GRDB
import Models

extension SQLiteSchema {
    /// The migration that seals what was written before (and makes the first data keys).
    static let sealingMigration = "2026-12-04-personal-data-sealed"

    /// Personal data sealed at rest: the data keys (wrapped by key-encryption keys the database
    /// does not hold), then every row written before sealing sealed in place (see
    /// ``SQLiteStore/sealEverything(in:with:)``).
    static func registerAtRestMigrations(_ migrator: inout DatabaseMigrator, keyEncryption: KeyEncryptionKeyRing) {
        migrator.registerMigration("2026-12-04-at-rest-keys") { db in
            try db.create(table: "atRestKey") { t in
                t.primaryKey("kid", .text)
                t.column("use", .text).notNull()
                t.column("wrapped", .blob).notNull()
                t.column("wrappedBy", .text).notNull()
                t.column("activatesAt", .double).notNull()
            }
        }
        // The participant table is built again: NIK and KPJ leave it for their keyed digests (a
        // unique column each, as they were unique), everything that names or reaches the person
        // goes into one sealed value. Officers' names and phones are sealed in place; ledger
        // amounts move into the sealed entry. Then every sealed column is sealed.
        migrator.registerMigration(sealingMigration) { db in
            let cipher = try SQLiteStore.loadOrCreateDataKeys(in: db, with: keyEncryption)
            try db.rename(table: "participant", to: "participantPlain")
            try db.create(table: "participant") { t in
                t.primaryKey("id", .text)
                t.column("nikDigest", .text).notNull().unique()
                t.column("kpjDigest", .text).notNull().unique()
                t.column("personal", .blob).notNull()
                t.column("branchID", .text).notNull().references("branch")
                t.column("dataUpdateCompletedAt", .double)
                t.column("membershipStatus", .text).notNull()
                t.column("memberSince", .text).notNull()
                t.column("balance", .integer).notNull().defaults(to: 0)
                t.column("partialClaimTaken", .boolean).notNull()
                t.column("hasTaxNumber", .boolean).notNull()
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM participantPlain") {
                try SQLiteStore.insertAccount(try SQLiteStore.account(fromPlain: row), balance: row["balance"], cipher: cipher, in: db)
            }
            try db.drop(table: "participantPlain")

            try db.alter(table: "officer") { t in t.add(column: "personal", .blob) }
            let officers = try Row.fetchAll(db, sql: "SELECT id, name, phone FROM officer")
            for row in officers {
                let personal = try Sealing.sealed(cipher).encode(SealedOfficer(name: row["name"], phone: row["phone"]), for: .officer)
                try db.execute(
                    sql: "UPDATE officer SET name = '', phone = NULL, personal = ? WHERE id = ?",
                    arguments: [personal, row["id"] as String]
                )
            }

            try SQLiteStore.withAppendOnlyLifted(in: db) {
                let entries = try Row.fetchAll(db, sql: "SELECT id, amount, source FROM ledgerEntry")
                for row in entries {
                    let source = try StoredJSON.decoder.decode(LedgerEntry.Source.self, from: row["source"] as Data)
                    let sealed = try Sealing.sealed(cipher).encode(
                        SealedLedgerEntry(amount: row["amount"], source: source),
                        for: .ledgerEntry
                    )
                    try db.execute(
                        sql: "UPDATE ledgerEntry SET amount = 0, source = ? WHERE id = ?",
                        arguments: [sealed, row["id"] as String]
                    )
                }
            }
            _ = try SQLiteStore.reseal(in: db, with: cipher)
        }
    }
}
