import Foundation
import Logging
import Models
import PostgresNIO

// Sign-in challenges and refresh tokens.
extension PostgresStore {
    public func insert(challenge c: SignInChallengeRecord) async throws {
        try await rows(
            """
            INSERT INTO signInChallenge (id, principalKind, principalID, deviceID, codeDigest, createdAt, expiresAt,
              failedAttempts, consumedAt)
            VALUES (\(c.id.uuidString), \(c.principal.kind), \(c.principal.id.uuidString), \(c.deviceID.rawValue), \(c.codeDigest),
              \(c.createdAt.timeIntervalSince1970), \(c.expiresAt.timeIntervalSince1970), \(c.failedAttempts),
              \(c.consumedAt?.timeIntervalSince1970))
            """
        )
    }

    public func challenge(id: UUID) async throws -> SignInChallengeRecord? {
        let query: PostgresQuery = """
            SELECT principalKind, principalID, deviceID, codeDigest, createdAt, expiresAt, failedAttempts, consumedAt
            FROM signInChallenge WHERE id = \(id.uuidString)
            """
        guard let row = try await rows(query).first else { return nil }
        let (kind, principalID, deviceID, codeDigest, createdAt, expiresAt, failedAttempts, consumedAt) = try row.decode(
            (String, String, String, String, Double, Double, Int, Double?).self
        )
        return SignInChallengeRecord(
            id: id,
            principal: try Self.principal(kind: kind, id: principalID),
            deviceID: DeviceID(deviceID),
            codeDigest: codeDigest,
            createdAt: Date(timeIntervalSince1970: createdAt),
            expiresAt: Date(timeIntervalSince1970: expiresAt),
            failedAttempts: failedAttempts,
            consumedAt: consumedAt.map(Date.init(timeIntervalSince1970:))
        )
    }

    public func challengeCount(for principal: PrincipalRef, since date: Date) async throws -> Int {
        try await rows(
            """
            SELECT COUNT(*) FROM signInChallenge
            WHERE principalID = \(principal.id.uuidString) AND createdAt >= \(date.timeIntervalSince1970)
            """
        ).first?.decode(Int.self) ?? 0
    }

    public func recordFailedAttempt(challengeID: UUID) async throws -> Int {
        try await rows(
            """
            UPDATE signInChallenge SET failedAttempts = failedAttempts + 1 WHERE id = \(challengeID.uuidString)
            RETURNING failedAttempts
            """
        ).first?.decode(Int.self) ?? 0
    }

    public func consume(challengeID: UUID, at date: Date) async throws -> Bool {
        try await rows(
            """
            UPDATE signInChallenge SET consumedAt = \(date.timeIntervalSince1970)
            WHERE id = \(challengeID.uuidString) AND consumedAt IS NULL RETURNING id
            """
        ).count == 1
    }

    public func insert(refreshToken t: RefreshTokenRecord) async throws {
        try await rows(Self.insertQuery(t))
    }

    static func insertQuery(_ t: RefreshTokenRecord) -> PostgresQuery {
        """
        INSERT INTO refreshToken (digest, familyID, principalKind, principalID, deviceID, createdAt, expiresAt)
        VALUES (\(t.digest), \(t.familyID.uuidString), \(t.principal.kind), \(t.principal.id.uuidString), \(t.deviceID.rawValue),
          \(t.createdAt.timeIntervalSince1970), \(t.expiresAt.timeIntervalSince1970))
        """
    }

    public func rotate(
        refreshTokenDigest digest: String,
        deviceID: DeviceID,
        replacement: RefreshTokenRecord,
        at date: Date
    )
        async throws -> RefreshRotation
    {
        let logger = logger
        return try await transaction { connection -> RefreshRotation in
            // Locked: two presentations of one token at once are one rotation and one reuse.
            let query: PostgresQuery = """
                SELECT familyID, principalKind, principalID, deviceID, expiresAt, replacedAt, revokedAt
                FROM refreshToken WHERE digest = \(digest) FOR UPDATE
                """
            guard let row = try await connection.rows(query, logger: logger).first else { return .unknown }
            let (familyID, kind, principalID, storedDevice, expiresAt, replacedAt, revokedAt) = try row.decode(
                (String, String, String, String, Double, Double?, Double?).self
            )
            let family = try StoredValue.uuid(familyID)
            if replacedAt != nil {
                try await Self.revoke(family: family, at: date, on: connection, logger: logger)
                return .reused(family: family)
            }
            if revokedAt != nil || expiresAt <= date.timeIntervalSince1970 { return .expired }
            guard storedDevice == deviceID.rawValue else { return .wrongDevice }
            let principal = try Self.principal(kind: kind, id: principalID)
            try await connection.query(
                "UPDATE refreshToken SET replacedAt = \(date.timeIntervalSince1970) WHERE digest = \(digest)",
                logger: logger
            )
            var next = replacement
            next.familyID = family
            next.principal = principal
            try await connection.query(Self.insertQuery(next), logger: logger)
            return .rotated(principal, family: family)
        }
    }

    public func family(ofRefreshTokenDigest digest: String) async throws -> UUID? {
        guard let row = try await rows("SELECT familyID FROM refreshToken WHERE digest = \(digest)").first else { return nil }
        return try StoredValue.uuid(try row.decode(String.self))
    }

    public func revokeFamily(_ family: UUID, at date: Date) async throws {
        let logger = logger
        try await transaction { connection in try await Self.revoke(family: family, at: date, on: connection, logger: logger) }
    }

    /// Ends a family and announces it to every process (sent when the transaction commits).
    static func revoke(family: UUID, at date: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE refreshToken SET revokedAt = \(date.timeIntervalSince1970)
            WHERE familyID = \(family.uuidString) AND revokedAt IS NULL
            """,
            logger: logger
        )
        try await connection.query("SELECT pg_notify(\(revocationChannel), \(family.uuidString))", logger: logger)
    }

    public func revokedFamilies(since date: Date) async throws -> [UUID: Date] {
        let query: PostgresQuery = """
            SELECT familyID, MAX(revokedAt) FROM refreshToken WHERE revokedAt >= \(date.timeIntervalSince1970) GROUP BY familyID
            """
        var ended: [UUID: Date] = [:]
        for row in try await rows(query) {
            let (family, endedAt) = try row.decode((String, Double).self)
            ended[try StoredValue.uuid(family)] = Date(timeIntervalSince1970: endedAt)
        }
        return ended
    }

    static func principal(kind: String, id: String) throws -> PrincipalRef {
        guard let principal = PrincipalRef(kind: kind, id: try StoredValue.uuid(id)) else {
            throw StoredValue.Corrupt(description: "stored principal kind is unknown")
        }
        return principal
    }
}
