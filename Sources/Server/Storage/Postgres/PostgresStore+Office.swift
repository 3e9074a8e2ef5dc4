import Foundation
import Logging
import Models
import PostgresNIO
import Sync

// The audit log and the office views.
extension PostgresStore {
    public func auditTrail(of claim: Claim.ID) async throws -> [AuditEntry] {
        try await decoded(
            AuditEntry.self,
            for: .auditEntry,
            "SELECT entry FROM officeAudit WHERE claimID = \(claim.rawValue.uuidString) ORDER BY at, seq"
        )
    }

    public func auditLog(of branch: Branch.ID, from: Date, until: Date) async throws -> [AuditEntry] {
        try await decoded(
            AuditEntry.self,
            for: .auditEntry,
            """
            SELECT entry FROM officeAudit
            WHERE branchID = \(branch.rawValue) AND at >= \(from.timeIntervalSince1970) AND at < \(until.timeIntervalSince1970)
            ORDER BY at, seq
            """
        )
    }

    public func auditTrails(of claims: Set<Claim.ID>) async throws -> [Claim.ID: [AuditEntry]] {
        guard !claims.isEmpty else { return [:] }
        let ids = claims.map(\.rawValue.uuidString)
        let entries = try await decoded(
            AuditEntry.self,
            for: .auditEntry,
            "SELECT entry FROM officeAudit WHERE claimID = ANY(\(ids)) ORDER BY at, seq"
        )
        return Dictionary(grouping: entries, by: \.claimID)
    }

    public func officeClaim(_ id: Claim.ID) async throws -> OfficeClaim? {
        var bindings = PostgresBindings()
        bindings.append(id.rawValue.uuidString)
        return try await officeClaims(where: "c.claimID = $1", bindings).first
    }

    public func officeClaims(of branch: Branch.ID, in statuses: Set<ClaimStatus>) async throws -> [OfficeClaim] {
        guard !statuses.isEmpty else { return [] }
        var bindings = PostgresBindings()
        bindings.append(branch.rawValue)
        bindings.append(statuses.map(\.rawValue))
        return try await officeClaims(where: "c.branchID = $1 AND c.status = ANY($2)", bindings)
    }

    public func officeClaims(_ ids: Set<Claim.ID>) async throws -> [OfficeClaim] {
        guard !ids.isEmpty else { return [] }
        var bindings = PostgresBindings()
        bindings.append(ids.map(\.rawValue.uuidString))
        return try await officeClaims(where: "c.claimID = ANY($1)", bindings)
    }

    public func openClaims() async throws -> [OfficeClaim] {
        let closed = [ClaimStatus.draft, .paid, .rejected, .cancelled].map(\.rawValue)
        var bindings = PostgresBindings()
        bindings.append(closed)
        return try await officeClaims(where: "NOT (c.status = ANY($1))", bindings)
    }

    public func surveys(of branch: Branch.ID, from: Date, until: Date) async throws -> [SurveyResponse] {
        let query: PostgresQuery = """
            SELECT s.survey FROM officeSurvey s JOIN officeClaim c ON c.claimID = s.claimID
            WHERE c.branchID = \(branch.rawValue) AND s.submittedAt >= \(from.timeIntervalSince1970)
              AND s.submittedAt < \(until.timeIntervalSince1970)
            ORDER BY s.submittedAt
            """
        return try await decoded(SurveyResponse.self, for: .survey, query)
    }

    public func biometricAttempts(of branch: Branch.ID, from: Date, until: Date) async throws -> [BiometricAttempt] {
        let query: PostgresQuery = """
            SELECT a.attempt FROM officeBiometricAttempt a JOIN participant p ON p.id = a.participantID
            WHERE p.branchID = \(branch.rawValue) AND a.attemptedAt >= \(from.timeIntervalSince1970)
              AND a.attemptedAt < \(until.timeIntervalSince1970)
            ORDER BY a.attemptedAt
            """
        return try await decoded(BiometricAttempt.self, for: .biometricAttempt, query)
    }

    /// The values a query's one column holds as stored JSON, sealed for `purpose`.
    func decoded<T: Decodable>(_ type: T.Type, for purpose: AtRestCipher.Purpose, _ query: PostgresQuery) async throws -> [T] {
        let sealing = sealing
        return try await rows(query).map { try sealing.decode(T.self, from: try $0.decode(Data.self), for: purpose) }
    }

    /// Office claims matching `condition` (on `officeClaim c`, its `$1`, `$2`... bound to
    /// `bindings`), with their participant's name and the latest notice of each kind.
    func officeClaims(where condition: String, _ bindings: PostgresBindings) async throws -> [OfficeClaim] {
        let notices = PostgresQuery(
            unsafeSQL: """
                SELECT n.claimID, n.kind, MAX(n.createdAt) FROM officeNotice n JOIN officeClaim c ON c.claimID = n.claimID
                WHERE \(condition) GROUP BY n.claimID, n.kind
                """,
            binds: bindings
        )
        let claims = PostgresQuery(
            unsafeSQL: """
                SELECT c.claimID, c.statusSince, c.claim, c.signatures, p.personal FROM officeClaim c
                LEFT JOIN participant p ON p.id = c.participantID WHERE \(condition)
                """,
            binds: bindings
        )
        let logger = logger
        let sealing = sealing
        return try await transaction(readOnly: true) { connection in
            var latest: [String: [ParticipantNotification.Kind: Date]] = [:]
            for row in try await connection.rows(notices, logger: logger) {
                let (claimID, kind, at) = try row.decode((String, String, Double).self)
                guard let kind = ParticipantNotification.Kind(rawValue: kind) else { continue }
                latest[claimID, default: [:]][kind] = Date(timeIntervalSince1970: at)
            }
            return try await connection.rows(claims, logger: logger).map { row in
                let (claimID, statusSince, claim, signatures, personal) = try row.decode((String, Double, Data, Data, Data?).self)
                return OfficeClaim(
                    claim: try sealing.decode(Claim.self, from: claim, for: .officeClaim),
                    signatures: try StoredJSON.decoder.decode(WorkflowSignatures.self, from: signatures),
                    participantName: try personal.map { try sealing.decode(SealedParticipant.self, from: $0, for: .participant).name }
                        ?? "",
                    statusSince: Date(timeIntervalSince1970: statusSince),
                    notices: latest[claimID] ?? [:]
                )
            }
        }
    }
}

// Keeping the views, inside the transaction of a commit.
extension PostgresStore {
    /// Updates the office views from records being written and appends audit entries.
    static func updateOfficeViews(
        with records: [SyncRecord],
        audit: [AuditEntry],
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        for record in records {
            guard let projection = try OfficeProjection(record)?.sealed(by: sealing) else { continue }
            try await connection.query(query(for: projection), logger: logger)
        }
        for entry in audit { try await insert(entry, sealing: sealing, on: connection, logger: logger) }
    }

    static func query(for projection: OfficeProjection) throws -> PostgresQuery {
        switch projection {
        case .removeClaim(let id):
            return "DELETE FROM officeClaim WHERE claimID = \(id)"
        case .claim(let id, let participantID, let branchID, let status, let statusSince, let claim, let signatures):
            return try """
            INSERT INTO officeClaim (claimID, participantID, branchID, status, statusSince, claim, signatures)
            VALUES (\(id), \(participantID), \(branchID), \(status), \(statusSince), \(claim), \(signatures))
            ON CONFLICT (claimID) DO UPDATE SET participantID = excluded.participantID, branchID = excluded.branchID,
              status = excluded.status,
              statusSince = CASE WHEN officeClaim.status = excluded.status THEN officeClaim.statusSince ELSE excluded.statusSince END,
              claim = excluded.claim, signatures = excluded.signatures
            """
        case .notice(let id, let claimID, let kind, let createdAt):
            return """
                INSERT INTO officeNotice (id, claimID, kind, createdAt) VALUES (\(id), \(claimID), \(kind), \(createdAt))
                ON CONFLICT (id) DO UPDATE SET claimID = excluded.claimID, kind = excluded.kind, createdAt = excluded.createdAt
                """
        case .survey(let claimID, let submittedAt, let survey):
            return try """
            INSERT INTO officeSurvey (claimID, submittedAt, survey) VALUES (\(claimID), \(submittedAt), \(survey))
            ON CONFLICT (claimID) DO UPDATE SET submittedAt = excluded.submittedAt, survey = excluded.survey
            """
        case .biometricAttempt(let id, let participantID, let passed, let attemptedAt, let attempt):
            return try """
            INSERT INTO officeBiometricAttempt (id, participantID, passed, attemptedAt, attempt)
            VALUES (\(id), \(participantID), \(passed), \(attemptedAt), \(attempt))
            ON CONFLICT (id) DO NOTHING
            """
        }
    }

    static func insert(_ entry: AuditEntry, sealing: Sealing, on connection: PostgresConnection, logger: Logger) async throws {
        let encoded = try sealing.encode(entry, for: .auditEntry)
        try await connection.query(
            """
            INSERT INTO officeAudit (id, claimID, branchID, at, entry)
            VALUES (\(entry.id.rawValue.uuidString), \(entry.claimID.rawValue.uuidString), \(entry.branchID.rawValue),
              \(entry.at.timeIntervalSince1970), \(encoded))
            """,
            logger: logger
        )
    }
}
