import Foundation
import GRDB
import Models
import Sync

// The audit log and the office views.
extension SQLiteStore {
    public func auditTrail(of claim: Claim.ID) async throws -> [AuditEntry] {
        try await auditEntries("SELECT entry FROM officeAudit WHERE claimID = ? ORDER BY at, seq", [claim.rawValue.uuidString])
    }

    public func auditLog(of branch: Branch.ID, from: Date, until: Date) async throws -> [AuditEntry] {
        try await auditEntries(
            "SELECT entry FROM officeAudit WHERE branchID = ? AND at >= ? AND at < ? ORDER BY at, seq",
            [branch.rawValue, from.timeIntervalSince1970, until.timeIntervalSince1970]
        )
    }

    /// The audit entries `sql` selects, opened.
    func auditEntries(_ sql: String, _ arguments: StatementArguments) async throws -> [AuditEntry] {
        let sealing = sealing
        return try await writer.read { db in try Self.auditEntries(db, sealing: sealing, sql: sql, arguments) }
    }

    public func auditTrails(of claims: Set<Claim.ID>) async throws -> [Claim.ID: [AuditEntry]] {
        let list = claims.map(\.rawValue.uuidString).sorted()
        let sealing = sealing
        return try await writer.read { db in
            var entries: [AuditEntry] = []
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = Array(list[start..<min(start + 500, list.count)])
                entries += try Self.auditEntries(
                    db,
                    sealing: sealing,
                    sql: "SELECT entry FROM officeAudit WHERE claimID IN (\(Self.placeholders(chunk.count))) ORDER BY at, seq",
                    StatementArguments(chunk)
                )
            }
            return Dictionary(grouping: entries, by: \.claimID)
        }
    }

    public func officeClaim(_ id: Claim.ID) async throws -> OfficeClaim? {
        let sealing = sealing
        return try await writer.read { db in
            try Self.officeClaims(db, sealing: sealing, where: "c.claimID = ?", [id.rawValue.uuidString]).first
        }
    }

    public func officeClaims(of branch: Branch.ID, in statuses: Set<ClaimStatus>) async throws -> [OfficeClaim] {
        guard !statuses.isEmpty else { return [] }
        let list = statuses.map(\.rawValue).sorted()
        let sealing = sealing
        return try await writer.read { db in
            try Self.officeClaims(
                db,
                sealing: sealing,
                where: "c.branchID = ? AND c.status IN (\(Self.placeholders(list.count)))",
                StatementArguments([branch.rawValue] + list)
            )
        }
    }

    public func officeClaims(_ ids: Set<Claim.ID>) async throws -> [OfficeClaim] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(\.rawValue.uuidString).sorted()
        let sealing = sealing
        return try await writer.read { db in
            // In chunks, well under SQLite's limit on bound parameters.
            var claims: [OfficeClaim] = []
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = Array(list[start..<min(start + 500, list.count)])
                claims += try Self.officeClaims(
                    db,
                    sealing: sealing,
                    where: "c.claimID IN (\(Self.placeholders(chunk.count)))",
                    StatementArguments(chunk)
                )
            }
            return claims
        }
    }

    public func openClaims() async throws -> [OfficeClaim] {
        let closed = [ClaimStatus.draft, .paid, .rejected, .cancelled].map(\.rawValue)
        let sealing = sealing
        return try await writer.read { db in
            try Self.officeClaims(
                db,
                sealing: sealing,
                where: "c.status NOT IN (\(Self.placeholders(closed.count)))",
                StatementArguments(closed)
            )
        }
    }

    public func surveys(of branch: Branch.ID, from: Date, until: Date) async throws -> [SurveyResponse] {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                cached: """
                    SELECT s.survey FROM officeSurvey s JOIN officeClaim c ON c.claimID = s.claimID
                    WHERE c.branchID = ? AND s.submittedAt >= ? AND s.submittedAt < ? ORDER BY s.submittedAt
                    """,
                arguments: [branch.rawValue, from.timeIntervalSince1970, until.timeIntervalSince1970]
            ).map { try sealing.decode(SurveyResponse.self, from: $0["survey"], for: .survey) }
        }
    }

    public func biometricAttempts(of branch: Branch.ID, from: Date, until: Date) async throws -> [BiometricAttempt] {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                cached: """
                    SELECT a.attempt FROM officeBiometricAttempt a JOIN participant p ON p.id = a.participantID
                    WHERE p.branchID = ? AND a.attemptedAt >= ? AND a.attemptedAt < ? ORDER BY a.attemptedAt
                    """,
                arguments: [branch.rawValue, from.timeIntervalSince1970, until.timeIntervalSince1970]
            ).map { try sealing.decode(BiometricAttempt.self, from: $0["attempt"], for: .biometricAttempt) }
        }
    }
}

// Keeping the views, inside the transaction of a commit.
extension SQLiteStore {
    /// Updates the office views from records being written and appends audit entries.
    static func updateOfficeViews(with records: [SyncRecord], audit: [AuditEntry], sealing: Sealing, in db: Database) throws {
        for record in records { try project(record, sealing: sealing, in: db) }
        for entry in audit { try insert(entry, sealing: sealing, in: db) }
    }

    /// Fills the views from every record already stored (run once, by the migration).
    static func backfillOfficeViews(_ db: Database) throws {
        let types = OfficeProjection.viewedTypes
        let rows = try Row.fetchCursor(
            db,
            cached: "SELECT state FROM syncRecord WHERE type IN (\(placeholders(types.count)))",
            arguments: StatementArguments(types)
        )
        var records: [SyncRecord] = []
        while let row = try rows.next() { records.append(try decoder.decode(SyncRecord.self, from: row["state"] as Data)) }
        // As shipped: plain (the sealing migration that follows seals it).
        for record in records { try project(record, sealing: .plain, in: db) }
    }

    /// Projects one record into its view.
    static func project(_ record: SyncRecord, sealing: Sealing, in db: Database) throws {
        guard let projection = try OfficeProjection(record)?.sealed(by: sealing) else { return }
        switch projection {
        case .removeClaim(let id):
            try db.execute(cached: "DELETE FROM officeClaim WHERE claimID = ?", arguments: [id])
        case .claim(let id, let participantID, let branchID, let status, let statusSince, let claim, let signatures):
            try db.execute(
                cached: """
                    INSERT INTO officeClaim (claimID, participantID, branchID, status, statusSince, claim, signatures)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(claimID) DO UPDATE SET participantID = excluded.participantID, branchID = excluded.branchID,
                      status = excluded.status,
                      statusSince = CASE WHEN officeClaim.status = excluded.status THEN officeClaim.statusSince ELSE excluded.statusSince END,
                      claim = excluded.claim, signatures = excluded.signatures
                    """,
                arguments: [id, participantID, branchID, status, statusSince, claim, signatures]
            )
        case .notice(let id, let claimID, let kind, let createdAt):
            try db.execute(
                cached: "INSERT OR REPLACE INTO officeNotice (id, claimID, kind, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [id, claimID, kind, createdAt]
            )
        case .survey(let claimID, let submittedAt, let survey):
            try db.execute(
                cached: "INSERT OR REPLACE INTO officeSurvey (claimID, submittedAt, survey) VALUES (?, ?, ?)",
                arguments: [claimID, submittedAt, survey]
            )
        case .biometricAttempt(let id, let participantID, let passed, let attemptedAt, let attempt):
            try db.execute(
                cached:
                    "INSERT OR IGNORE INTO officeBiometricAttempt (id, participantID, passed, attemptedAt, attempt) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, participantID, passed, attemptedAt, attempt]
            )
        }
    }

    static func insert(_ entry: AuditEntry, sealing: Sealing, in db: Database) throws {
        try db.execute(
            cached: "INSERT INTO officeAudit (id, claimID, branchID, at, entry) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                entry.id.rawValue.uuidString, entry.claimID.rawValue.uuidString, entry.branchID.rawValue, entry.at.timeIntervalSince1970,
                try sealing.encode(entry, for: .auditEntry),
            ]
        )
    }

    static func auditEntries(_ db: Database, sealing: Sealing, sql: String, _ arguments: StatementArguments) throws -> [AuditEntry] {
        try Row.fetchAll(db, cached: sql, arguments: arguments).map {
            try sealing.decode(AuditEntry.self, from: $0["entry"], for: .auditEntry)
        }
    }

    /// Office claims matching `condition` (on `officeClaim c`), with their participant's name
    /// and the latest notice of each kind.
    static func officeClaims(
        _ db: Database,
        sealing: Sealing,
        where condition: String,
        _ arguments: StatementArguments
    ) throws -> [OfficeClaim] {
        var notices: [String: [ParticipantNotification.Kind: Date]] = [:]
        let noticeRows = try Row.fetchCursor(
            db,
            cached: """
                SELECT n.claimID, n.kind, MAX(n.createdAt) AS latest FROM officeNotice n JOIN officeClaim c ON c.claimID = n.claimID
                WHERE \(condition) GROUP BY n.claimID, n.kind
                """,
            arguments: arguments
        )
        while let row = try noticeRows.next() {
            guard let kind = ParticipantNotification.Kind(rawValue: row["kind"]) else { continue }
            notices[row["claimID"], default: [:]][kind] = Date(timeIntervalSince1970: row["latest"])
        }
        return try Row.fetchAll(
            db,
            cached: """
                SELECT c.claimID, c.statusSince, c.claim, c.signatures, p.personal FROM officeClaim c
                LEFT JOIN participant p ON p.id = c.participantID WHERE \(condition)
                """,
            arguments: arguments
        ).map { row in
            OfficeClaim(
                claim: try sealing.decode(Claim.self, from: row["claim"], for: .officeClaim),
                signatures: try decoder.decode(WorkflowSignatures.self, from: row["signatures"] as Data),
                participantName: try (row["personal"] as Data?).map {
                    try sealing.decode(SealedParticipant.self, from: $0, for: .participant).name
                } ?? "",
                statusSince: Date(timeIntervalSince1970: row["statusSince"]),
                notices: notices[row["claimID"]] ?? [:]
            )
        }
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
