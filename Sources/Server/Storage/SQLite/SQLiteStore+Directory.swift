import Foundation
import GRDB
import Models

// Branches, participants and officers.
extension SQLiteStore {
    public func branches() async throws -> [Branch] {
        try await writer.read { db in
            try Row.fetchAll(db, cached: "SELECT * FROM branch ORDER BY id").map(Self.branch(from:))
        }
    }

    public func branch(id: Branch.ID) async throws -> Branch? {
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM branch WHERE id = ?", arguments: [id.rawValue]).map(Self.branch(from:))
        }
    }

    public func save(branch: Branch) async throws {
        try await writer.write { db in
            try db.execute(
                cached: """
                    INSERT INTO branch (id, name, city, timeZone, dailyJHTQuota, opensAtMinute, closesAtMinute)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, city = excluded.city, timeZone = excluded.timeZone,
                      dailyJHTQuota = excluded.dailyJHTQuota, opensAtMinute = excluded.opensAtMinute,
                      closesAtMinute = excluded.closesAtMinute
                    """,
                arguments: [
                    branch.id.rawValue, branch.name, branch.city, branch.timeZone.rawValue, branch.dailyJHTQuota,
                    branch.opensAtMinute, branch.closesAtMinute,
                ]
            )
        }
    }

    public func account(nik: NIK) async throws -> ParticipantAccount? {
        let sealing = sealing
        let digest = atRestKeys.cipher.digest(nik.rawValue, for: .nikLookup)
        return try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM participant WHERE nikDigest = ?", arguments: [digest]).map {
                try Self.account($0, sealing: sealing, in: db)
            }
        }
    }

    public func account(id: Participant.ID) async throws -> ParticipantAccount? {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM participant WHERE id = ?", arguments: [id.rawValue.uuidString])
                .map { try Self.account($0, sealing: sealing, in: db) }
        }
    }

    public func save(account: ParticipantAccount) async throws {
        let p = account.participant
        let m = account.membership
        let cipher = atRestKeys.cipher
        try await writer.write { db in
            let recorded = try Bool.fetchOne(
                db,
                cached: "SELECT EXISTS (SELECT 1 FROM participant WHERE id = ?)",
                arguments: [p.id.rawValue.uuidString]
            )
            try Self.insertAccount(account, cipher: cipher, in: db)
            if recorded != true, m.balance != .zero {
                try Self.insert(try LedgerRow(LedgerRow.opening(p.id, balance: m.balance, at: Date()), sealing: .sealed(cipher)), in: db)
            }
        }
    }

    public func officer(employeeNumber: String) async throws -> Officer? {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM officer WHERE employeeNumber = ?", arguments: [employeeNumber])
                .map { try Self.officer(from: $0, sealing: sealing) }
        }
    }

    public func officer(id: Officer.ID) async throws -> Officer? {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM officer WHERE id = ?", arguments: [id.rawValue.uuidString])
                .map { try Self.officer(from: $0, sealing: sealing) }
        }
    }

    public func save(officer: Officer) async throws {
        let personal = try sealing.encode(SealedOfficer(name: officer.name, phone: officer.phone?.rawValue), for: .officer)
        try await writer.write { db in
            try db.execute(
                cached: """
                    INSERT INTO officer (id, name, employeeNumber, branchID, roles, phone, personal) VALUES (?, '', ?, ?, ?, NULL, ?)
                    ON CONFLICT(id) DO UPDATE SET employeeNumber = excluded.employeeNumber, branchID = excluded.branchID,
                      roles = excluded.roles, personal = excluded.personal
                    """,
                arguments: [
                    officer.id.rawValue.uuidString, officer.employeeNumber, officer.branchID.rawValue, StoredValue.roles(officer.roles),
                    personal,
                ]
            )
        }
    }
}

// Row decoding: the columns by name, into ``StoredValue``'s builders.
extension SQLiteStore {
    static func branch(from row: Row) throws -> Branch {
        try StoredValue.branch(
            id: row["id"],
            name: row["name"],
            city: row["city"],
            timeZone: row["timeZone"],
            dailyJHTQuota: row["dailyJHTQuota"],
            opensAtMinute: row["opensAtMinute"],
            closesAtMinute: row["closesAtMinute"]
        )
    }

    /// An officer row: the name and phone sealed (or, before sealing, in their columns).
    static func officer(from row: Row, sealing: Sealing) throws -> Officer {
        let personal =
            try (row["personal"] as Data?).map { try sealing.decode(SealedOfficer.self, from: $0, for: .officer) }
            ?? SealedOfficer(name: row["name"], phone: row["phone"])
        return try StoredValue.officer(
            id: row["id"],
            name: personal.name,
            employeeNumber: row["employeeNumber"],
            branchID: row["branchID"],
            roles: row["roles"],
            phone: personal.phone
        )
    }
}
