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
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM participant WHERE nik = ?", arguments: [nik.rawValue]).map {
                try Self.account($0, in: db)
            }
        }
    }

    public func account(id: Participant.ID) async throws -> ParticipantAccount? {
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM participant WHERE id = ?", arguments: [id.rawValue.uuidString])
                .map { try Self.account($0, in: db) }
        }
    }

    public func save(account: ParticipantAccount) async throws {
        let p = account.participant
        let m = account.membership
        try await writer.write { db in
            let recorded = try Bool.fetchOne(
                db,
                cached: "SELECT EXISTS (SELECT 1 FROM participant WHERE id = ?)",
                arguments: [p.id.rawValue.uuidString]
            )
            try db.execute(
                cached: """
                    INSERT INTO participant (id, nik, kpj, name, birthDate, sex, phone, email, branchID, dataUpdateCompletedAt,
                      membershipStatus, employerName, memberSince, endOfWorkDate, balance, partialClaimTaken, hasTaxNumber)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET nik = excluded.nik, kpj = excluded.kpj, name = excluded.name,
                      birthDate = excluded.birthDate, sex = excluded.sex, phone = excluded.phone, email = excluded.email,
                      branchID = excluded.branchID, dataUpdateCompletedAt = excluded.dataUpdateCompletedAt,
                      membershipStatus = excluded.membershipStatus, employerName = excluded.employerName,
                      memberSince = excluded.memberSince, endOfWorkDate = excluded.endOfWorkDate,
                      partialClaimTaken = excluded.partialClaimTaken, hasTaxNumber = excluded.hasTaxNumber
                    """,
                arguments: [
                    p.id.rawValue.uuidString, p.nik.rawValue, p.kpj.rawValue, p.name, p.birthDate.description, p.sex.rawValue,
                    p.phone?.rawValue, p.email?.rawValue, p.branchID.rawValue, p.dataUpdateCompletedAt?.timeIntervalSince1970,
                    m.status.rawValue, m.employerName, m.memberSince.description, m.endOfWorkDate?.description, 0,
                    m.partialClaimTaken, m.hasTaxNumber,
                ]
            )
            if recorded != true, m.balance != .zero {
                try Self.insert(try LedgerRow(LedgerRow.opening(p.id, balance: m.balance, at: Date())), in: db)
            }
        }
    }

    public func officer(employeeNumber: String) async throws -> Officer? {
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM officer WHERE employeeNumber = ?", arguments: [employeeNumber])
                .map(Self.officer(from:))
        }
    }

    public func officer(id: Officer.ID) async throws -> Officer? {
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM officer WHERE id = ?", arguments: [id.rawValue.uuidString]).map(Self.officer(from:))
        }
    }

    public func save(officer: Officer) async throws {
        try await writer.write { db in
            try db.execute(
                cached: """
                    INSERT INTO officer (id, name, employeeNumber, branchID, roles, phone) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, employeeNumber = excluded.employeeNumber,
                      branchID = excluded.branchID, roles = excluded.roles, phone = excluded.phone
                    """,
                arguments: [
                    officer.id.rawValue.uuidString, officer.name, officer.employeeNumber, officer.branchID.rawValue,
                    StoredValue.roles(officer.roles), officer.phone?.rawValue,
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

    static func account(from row: Row) throws -> ParticipantAccount {
        try StoredValue.account(
            StoredValue.AccountColumns(
                id: row["id"],
                nik: row["nik"],
                kpj: row["kpj"],
                name: row["name"],
                birthDate: row["birthDate"],
                sex: row["sex"],
                phone: row["phone"],
                email: row["email"],
                branchID: row["branchID"],
                dataUpdateCompletedAt: row["dataUpdateCompletedAt"],
                membershipStatus: row["membershipStatus"],
                employerName: row["employerName"],
                memberSince: row["memberSince"],
                endOfWorkDate: row["endOfWorkDate"],
                balance: row["balance"],
                partialClaimTaken: row["partialClaimTaken"],
                hasTaxNumber: row["hasTaxNumber"]
            )
        )
    }

    static func officer(from row: Row) throws -> Officer {
        try StoredValue.officer(
            id: row["id"],
            name: row["name"],
            employeeNumber: row["employeeNumber"],
            branchID: row["branchID"],
            roles: row["roles"],
            phone: row["phone"]
        )
    }
}
