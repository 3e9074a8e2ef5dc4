import Foundation
import Models
import PostgresNIO

// Branches, participants and officers.
extension PostgresStore {
    public func branches() async throws -> [Branch] {
        try await rows("\(unescaped: Self.branchColumns) ORDER BY id").map(Self.branch(from:))
    }

    public func branch(id: Branch.ID) async throws -> Branch? {
        try await rows(BranchByID.self, id.rawValue).first.map(Self.branch(from:))
    }

    public func save(branch: Branch) async throws {
        try await rows(
            """
            INSERT INTO branch (id, name, city, timeZone, dailyJHTQuota, opensAtMinute, closesAtMinute)
            VALUES (\(branch.id.rawValue), \(branch.name), \(branch.city), \(branch.timeZone.rawValue), \(branch.dailyJHTQuota),
              \(branch.opensAtMinute), \(branch.closesAtMinute))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, city = excluded.city, timeZone = excluded.timeZone,
              dailyJHTQuota = excluded.dailyJHTQuota, opensAtMinute = excluded.opensAtMinute,
              closesAtMinute = excluded.closesAtMinute
            """
        )
    }

    public func account(nik: NIK) async throws -> ParticipantAccount? {
        let logger = logger
        return try await transaction(readOnly: true) { connection in
            try await Self.account(where: "nik = \(nik.rawValue)", on: connection, logger: logger)
        }
    }

    public func account(id: Participant.ID) async throws -> ParticipantAccount? {
        let logger = logger
        return try await transaction(readOnly: true) { connection in
            try await Self.account(id: id.rawValue.uuidString, on: connection, logger: logger)
        }
    }

    /// Records a participant and membership. The balance is the ledger's: a participant recorded
    /// for the first time with a balance gets it as the ledger's opening entry; later saves leave
    /// the ledger alone.
    public func save(account: ParticipantAccount) async throws {
        let p = account.participant
        let m = account.membership
        let logger = logger
        try await transaction { connection in
            let recorded = try await !connection.rows("SELECT 1 FROM participant WHERE id = \(p.id.rawValue.uuidString)", logger: logger)
                .isEmpty
            try await connection.query(
                """
                INSERT INTO participant (id, nik, kpj, name, birthDate, sex, phone, email, branchID, dataUpdateCompletedAt,
                  membershipStatus, employerName, memberSince, endOfWorkDate, balance, partialClaimTaken, hasTaxNumber)
                VALUES (\(p.id.rawValue.uuidString), \(p.nik.rawValue), \(p.kpj.rawValue), \(p.name), \(p.birthDate.description),
                  \(p.sex.rawValue), \(p.phone?.rawValue), \(p.email?.rawValue), \(p.branchID.rawValue),
                  \(p.dataUpdateCompletedAt?.timeIntervalSince1970), \(m.status.rawValue), \(m.employerName),
                  \(m.memberSince.description), \(m.endOfWorkDate?.description), 0, \(m.partialClaimTaken),
                  \(m.hasTaxNumber))
                ON CONFLICT (id) DO UPDATE SET nik = excluded.nik, kpj = excluded.kpj, name = excluded.name,
                  birthDate = excluded.birthDate, sex = excluded.sex, phone = excluded.phone, email = excluded.email,
                  branchID = excluded.branchID, dataUpdateCompletedAt = excluded.dataUpdateCompletedAt,
                  membershipStatus = excluded.membershipStatus, employerName = excluded.employerName,
                  memberSince = excluded.memberSince, endOfWorkDate = excluded.endOfWorkDate,
                  partialClaimTaken = excluded.partialClaimTaken, hasTaxNumber = excluded.hasTaxNumber
                """,
                logger: logger
            )
            if !recorded, m.balance != .zero {
                try await Self.insert(
                    try LedgerRow(LedgerRow.opening(p.id, balance: m.balance, at: Date())),
                    on: connection,
                    logger: logger
                )
            }
        }
    }

    public func officer(employeeNumber: String) async throws -> Officer? {
        try await rows("\(unescaped: Self.officerColumns) WHERE employeeNumber = \(employeeNumber)").first.map(Self.officer(from:))
    }

    public func officer(id: Officer.ID) async throws -> Officer? {
        try await rows("\(unescaped: Self.officerColumns) WHERE id = \(id.rawValue.uuidString)").first.map(Self.officer(from:))
    }

    public func save(officer: Officer) async throws {
        try await rows(
            """
            INSERT INTO officer (id, name, employeeNumber, branchID, roles, phone)
            VALUES (\(officer.id.rawValue.uuidString), \(officer.name), \(officer.employeeNumber), \(officer.branchID.rawValue),
              \(StoredValue.roles(officer.roles)), \(officer.phone?.rawValue))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, employeeNumber = excluded.employeeNumber,
              branchID = excluded.branchID, roles = excluded.roles, phone = excluded.phone
            """
        )
    }
}

// Row decoding: the columns by position, into ``StoredValue``'s builders.
extension PostgresStore {
    static let branchColumns = "SELECT id, name, city, timeZone, dailyJHTQuota, opensAtMinute, closesAtMinute FROM branch"

    static func branch(from row: PostgresRow) throws -> Branch {
        let (id, name, city, timeZone, quota, opens, closes) = try row.decode((String, String, String, String, Int, Int, Int).self)
        return try StoredValue.branch(
            id: id,
            name: name,
            city: city,
            timeZone: timeZone,
            dailyJHTQuota: quota,
            opensAtMinute: opens,
            closesAtMinute: closes
        )
    }

    static let accountColumns = """
        SELECT id, nik, kpj, name, birthDate, sex, phone, email, branchID, dataUpdateCompletedAt, membershipStatus, employerName,
          memberSince, endOfWorkDate, balance, partialClaimTaken, hasTaxNumber
        FROM participant
        """

    static func account(from row: PostgresRow) throws -> ParticipantAccount {
        let columns = try row.decode(
            (
                String, String, String, String, String, String, String?, String?, String, Double?, String, String, String, String?,
                Int64, Bool, Bool
            ).self
        )
        return try StoredValue.account(
            StoredValue.AccountColumns(
                id: columns.0,
                nik: columns.1,
                kpj: columns.2,
                name: columns.3,
                birthDate: columns.4,
                sex: columns.5,
                phone: columns.6,
                email: columns.7,
                branchID: columns.8,
                dataUpdateCompletedAt: columns.9,
                membershipStatus: columns.10,
                employerName: columns.11,
                memberSince: columns.12,
                endOfWorkDate: columns.13,
                balance: columns.14,
                partialClaimTaken: columns.15,
                hasTaxNumber: columns.16
            )
        )
    }

    static let officerColumns = "SELECT id, name, employeeNumber, branchID, roles, phone FROM officer"

    static func officer(from row: PostgresRow) throws -> Officer {
        let (id, name, employeeNumber, branchID, roles, phone) = try row.decode((String, String, String, String, String, String?).self)
        return try StoredValue.officer(id: id, name: name, employeeNumber: employeeNumber, branchID: branchID, roles: roles, phone: phone)
    }
}
