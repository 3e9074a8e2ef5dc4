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
        let sealing = sealing
        let digest = atRestKeys.cipher.digest(nik.rawValue, for: .nikLookup)
        return try await transaction(readOnly: true) { connection in
            try await Self.account(where: "nikDigest = \(digest)", sealing: sealing, on: connection, logger: logger)
        }
    }

    public func account(id: Participant.ID) async throws -> ParticipantAccount? {
        let logger = logger
        let sealing = sealing
        return try await transaction(readOnly: true) { connection in
            try await Self.account(id: id.rawValue.uuidString, sealing: sealing, on: connection, logger: logger)
        }
    }

    /// Records a participant and membership. The balance is the ledger's: a participant recorded
    /// for the first time with a balance gets it as the ledger's opening entry; later saves leave
    /// the ledger alone. The person is sealed; the NIK and KPJ are found by their keyed digests.
    public func save(account: ParticipantAccount) async throws {
        let p = account.participant
        let m = account.membership
        let logger = logger
        let cipher = atRestKeys.cipher
        let personal = try Sealing.sealed(cipher).encode(StoredValue.sealedParticipant(account), for: .participant)
        let nikDigest = cipher.digest(p.nik.rawValue, for: .nikLookup)
        let kpjDigest = cipher.digest(p.kpj.rawValue, for: .kpjLookup)
        try await transaction { connection in
            let recorded = try await !connection.rows("SELECT 1 FROM participant WHERE id = \(p.id.rawValue.uuidString)", logger: logger)
                .isEmpty
            try await connection.query(
                """
                INSERT INTO participant (id, nikDigest, kpjDigest, personal, branchID, dataUpdateCompletedAt, membershipStatus,
                  memberSince, balance, partialClaimTaken, hasTaxNumber)
                VALUES (\(p.id.rawValue.uuidString), \(nikDigest), \(kpjDigest), \(personal), \(p.branchID.rawValue),
                  \(p.dataUpdateCompletedAt?.timeIntervalSince1970), \(m.status.rawValue), \(m.memberSince.description), 0,
                  \(m.partialClaimTaken), \(m.hasTaxNumber))
                ON CONFLICT (id) DO UPDATE SET nikDigest = excluded.nikDigest, kpjDigest = excluded.kpjDigest,
                  personal = excluded.personal, branchID = excluded.branchID, dataUpdateCompletedAt = excluded.dataUpdateCompletedAt,
                  membershipStatus = excluded.membershipStatus, memberSince = excluded.memberSince,
                  partialClaimTaken = excluded.partialClaimTaken, hasTaxNumber = excluded.hasTaxNumber
                """,
                logger: logger
            )
            if !recorded, m.balance != .zero {
                try await Self.insert(
                    try LedgerRow(LedgerRow.opening(p.id, balance: m.balance, at: Date()), sealing: .sealed(cipher)),
                    on: connection,
                    logger: logger
                )
            }
        }
    }

    public func officer(employeeNumber: String) async throws -> Officer? {
        let sealing = sealing
        return try await rows("\(unescaped: Self.officerColumns) WHERE employeeNumber = \(employeeNumber)").first
            .map { try Self.officer(from: $0, sealing: sealing) }
    }

    public func officer(id: Officer.ID) async throws -> Officer? {
        let sealing = sealing
        return try await rows("\(unescaped: Self.officerColumns) WHERE id = \(id.rawValue.uuidString)").first
            .map { try Self.officer(from: $0, sealing: sealing) }
    }

    public func save(officer: Officer) async throws {
        let personal = try sealing.encode(SealedOfficer(name: officer.name, phone: officer.phone?.rawValue), for: .officer)
        try await rows(
            """
            INSERT INTO officer (id, name, employeeNumber, branchID, roles, phone, personal)
            VALUES (\(officer.id.rawValue.uuidString), '', \(officer.employeeNumber), \(officer.branchID.rawValue),
              \(StoredValue.roles(officer.roles)), NULL, \(personal))
            ON CONFLICT (id) DO UPDATE SET employeeNumber = excluded.employeeNumber, branchID = excluded.branchID,
              roles = excluded.roles, personal = excluded.personal
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
        SELECT id, personal, branchID, dataUpdateCompletedAt, membershipStatus, memberSince, balance, partialClaimTaken, hasTaxNumber
        FROM participant
        """

    /// A participant row (the person sealed).
    static func account(from row: PostgresRow, sealing: Sealing) throws -> ParticipantAccount {
        let c = try row.decode((String, Data, String, Double?, String, String, Int64, Bool, Bool).self)
        return try StoredValue.account(
            StoredValue.AccountColumns(
                id: c.0,
                personal: try sealing.decode(SealedParticipant.self, from: c.1, for: .participant),
                branchID: c.2,
                dataUpdateCompletedAt: c.3,
                membershipStatus: c.4,
                memberSince: c.5,
                balance: c.6,
                partialClaimTaken: c.7,
                hasTaxNumber: c.8
            )
        )
    }

    static let officerColumns = "SELECT id, name, employeeNumber, branchID, roles, phone, personal FROM officer"

    /// An officer row: the name and phone sealed (or, before sealing, in their columns).
    static func officer(from row: PostgresRow, sealing: Sealing) throws -> Officer {
        let (id, name, employeeNumber, branchID, roles, phone, sealed) = try row.decode(
            (String, String, String, String, String, String?, Data?).self
        )
        let personal =
            try sealed.map { try sealing.decode(SealedOfficer.self, from: $0, for: .officer) } ?? SealedOfficer(name: name, phone: phone)
        return try StoredValue.officer(
            id: id,
            name: personal.name,
            employeeNumber: employeeNumber,
            branchID: branchID,
            roles: roles,
            phone: personal.phone
        )
    }
}
