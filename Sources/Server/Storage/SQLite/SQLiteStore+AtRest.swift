import Foundation
import GRDB
import Models

// Personal data sealed at rest: the data keys, the participant and officer rows, resealing.
extension SQLiteStore {
    /// How this store writes personal data now.
    var sealing: Sealing { .sealed(atRestKeys.cipher) }

    public func dataKeys() async throws -> [WrappedDataKey] {
        try await writer.read { db in try Self.dataKeys(in: db) }
    }

    public func save(dataKeys keys: [WrappedDataKey]) async throws {
        try await writer.write { db in
            for key in keys { try Self.save(key, in: db) }
        }
    }

    public func resealAll() async throws -> Int {
        let cipher = atRestKeys.cipher
        return try await writer.write { db in try Self.reseal(in: db, with: cipher) }
    }

    static func dataKeys(in db: Database) throws -> [WrappedDataKey] {
        try Row.fetchAll(db, sql: "SELECT kid, use, wrapped, wrappedBy, activatesAt FROM atRestKey ORDER BY kid").map { row in
            WrappedDataKey(
                kid: row["kid"],
                use: try StoredValue.decode(WrappedDataKey.Use.self, row["use"]),
                wrapped: row["wrapped"],
                wrappedBy: row["wrappedBy"],
                activatesAt: Date(timeIntervalSince1970: row["activatesAt"])
            )
        }
    }

    static func save(_ key: WrappedDataKey, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO atRestKey (kid, use, wrapped, wrappedBy, activatesAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(kid) DO UPDATE SET wrapped = excluded.wrapped, wrappedBy = excluded.wrappedBy
                """,
            arguments: [key.kid, key.use.rawValue, key.wrapped, key.wrappedBy, key.activatesAt.timeIntervalSince1970]
        )
    }

    /// The store's cipher: its data keys unwrapped with `ring`, created (wrapped by the ring's
    /// newest key) when the store has none yet.
    static func loadOrCreateDataKeys(in db: Database, with ring: KeyEncryptionKeyRing) throws -> AtRestCipher {
        var keys = try dataKeys(in: db)
        if keys.isEmpty {
            guard let wrapping = ring.wrapping else { throw WrappedDataKey.UnwrapError.noKeys }
            keys = try WrappedDataKey.first(wrappedBy: wrapping, at: Date())
            for key in keys { try save(key, in: db) }
        }
        return try AtRestCipher(unwrapping: keys, with: ring)
    }

    /// Seals, under the key that seals now, every value of ``SealedColumn/all`` that is plain or
    /// sealed under another key; how many it sealed.
    static func reseal(in db: Database, with cipher: AtRestCipher) throws -> Int {
        let kid = cipher.sealingKid()
        let sealing = Sealing.sealed(cipher)
        var count = 0
        try withAppendOnlyLifted(in: db) {
            for column in SealedColumn.all {
                let rows = try Row.fetchCursor(db, sql: "SELECT rowid AS sealedRow, \(column.column) AS value FROM \(column.table)")
                while let row = try rows.next() {
                    guard let value = row["value"] as Data?, SealedColumn.needsSealing(value, under: kid) else { continue }
                    let sealed = sealing.seal(try sealing.open(value, for: column.purpose), for: column.purpose)
                    try db.execute(
                        sql: "UPDATE \(column.table) SET \(column.column) = ? WHERE rowid = ?",
                        arguments: [sealed, row["sealedRow"] as Int64]
                    )
                    count += 1
                }
            }
        }
        return count
    }

    /// Runs `body` with the append-only logs' update guards (triggers) dropped, and puts them
    /// back as they were, in the same transaction: sealing rewrites their rows' bytes, never
    /// what the rows say.
    static func withAppendOnlyLifted(in db: Database, _ body: () throws -> Void) throws {
        let guards = try Row.fetchAll(
            db,
            sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_noupdate' ESCAPE '\\'"
        )
        for row in guards { try db.execute(sql: "DROP TRIGGER \(row["name"] as String)") }
        try body()
        for row in guards { try db.execute(sql: row["sql"] as String) }
    }

    /// After the sealing migration: the file rebuilt (VACUUM) and the WAL emptied, so no page
    /// still holds what was written before it in plain text.
    func compactAfterSealing() throws {
        try writer.vacuum()
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}

// Participant and officer rows: the queried columns plain, the person sealed.
extension SQLiteStore {
    /// Records `account`'s participant (new, or replacing the row of its id).
    static func insertAccount(_ account: ParticipantAccount, balance: Int64 = 0, cipher: AtRestCipher, in db: Database) throws {
        let p = account.participant
        let m = account.membership
        let personal = try Sealing.sealed(cipher).encode(StoredValue.sealedParticipant(account), for: .participant)
        try db.execute(
            sql: """
                INSERT INTO participant (id, nikDigest, kpjDigest, personal, branchID, dataUpdateCompletedAt, membershipStatus,
                  memberSince, balance, partialClaimTaken, hasTaxNumber)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET nikDigest = excluded.nikDigest, kpjDigest = excluded.kpjDigest,
                  personal = excluded.personal, branchID = excluded.branchID, dataUpdateCompletedAt = excluded.dataUpdateCompletedAt,
                  membershipStatus = excluded.membershipStatus, memberSince = excluded.memberSince,
                  partialClaimTaken = excluded.partialClaimTaken, hasTaxNumber = excluded.hasTaxNumber
                """,
            arguments: [
                p.id.rawValue.uuidString, cipher.digest(p.nik.rawValue, for: .nikLookup), cipher.digest(p.kpj.rawValue, for: .kpjLookup),
                personal, p.branchID.rawValue, p.dataUpdateCompletedAt?.timeIntervalSince1970, m.status.rawValue,
                m.memberSince.description, balance, m.partialClaimTaken, m.hasTaxNumber,
            ]
        )
    }

    /// A participant row as stored now (the person sealed).
    static func account(from row: Row, sealing: Sealing) throws -> ParticipantAccount {
        try account(row, person: try sealing.decode(SealedParticipant.self, from: row["personal"], for: .participant))
    }

    /// A participant row as stored before sealing, read once by the sealing migration.
    static func account(fromPlain row: Row) throws -> ParticipantAccount {
        try account(
            row,
            person: SealedParticipant(
                nik: row["nik"],
                kpj: row["kpj"],
                name: row["name"],
                birthDate: row["birthDate"],
                sex: row["sex"],
                phone: row["phone"],
                email: row["email"],
                employerName: row["employerName"],
                endOfWorkDate: row["endOfWorkDate"]
            )
        )
    }

    /// The account of a participant row's queried columns and `person`.
    private static func account(_ row: Row, person: SealedParticipant) throws -> ParticipantAccount {
        try StoredValue.account(
            StoredValue.AccountColumns(
                id: row["id"],
                personal: person,
                branchID: row["branchID"],
                dataUpdateCompletedAt: row["dataUpdateCompletedAt"],
                membershipStatus: row["membershipStatus"],
                memberSince: row["memberSince"],
                balance: row["balance"],
                partialClaimTaken: row["partialClaimTaken"],
                hasTaxNumber: row["hasTaxNumber"]
            )
        )
    }
}
