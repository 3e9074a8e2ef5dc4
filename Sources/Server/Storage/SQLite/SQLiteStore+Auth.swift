import Foundation
import GRDB
import Models

// Sign-in challenges and refresh tokens.
extension SQLiteStore {
    public func insert(challenge c: SignInChallengeRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO signInChallenge (id, principalKind, principalID, deviceID, codeDigest, createdAt, expiresAt,
                      failedAttempts, consumedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    c.id.uuidString, c.principal.kind, c.principal.id.uuidString, c.deviceID.rawValue, c.codeDigest,
                    c.createdAt.timeIntervalSince1970, c.expiresAt.timeIntervalSince1970, c.failedAttempts,
                    c.consumedAt?.timeIntervalSince1970,
                ]
            )
        }
    }

    public func challenge(id: UUID) async throws -> SignInChallengeRecord? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM signInChallenge WHERE id = ?", arguments: [id.uuidString]) else {
                return nil
            }
            guard let principal = PrincipalRef(kind: row["principalKind"], id: try StoredValue.uuid(row["principalID"])) else {
                throw StoredValue.Corrupt(description: "stored principal kind is unknown")
            }
            return SignInChallengeRecord(
                id: id,
                principal: principal,
                deviceID: DeviceID(row["deviceID"] as String),
                codeDigest: row["codeDigest"],
                createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                expiresAt: Date(timeIntervalSince1970: row["expiresAt"]),
                failedAttempts: row["failedAttempts"],
                consumedAt: (row["consumedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    public func challengeCount(for principal: PrincipalRef, since date: Date) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM signInChallenge WHERE principalID = ? AND createdAt >= ?",
                arguments: [principal.id.uuidString, date.timeIntervalSince1970]
            ) ?? 0
        }
    }

    public func recordFailedAttempt(challengeID: UUID) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE signInChallenge SET failedAttempts = failedAttempts + 1 WHERE id = ?",
                arguments: [challengeID.uuidString]
            )
            return try Int.fetchOne(db, sql: "SELECT failedAttempts FROM signInChallenge WHERE id = ?", arguments: [challengeID.uuidString])
                ?? 0
        }
    }

    public func consume(challengeID: UUID, at date: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE signInChallenge SET consumedAt = ? WHERE id = ? AND consumedAt IS NULL",
                arguments: [date.timeIntervalSince1970, challengeID.uuidString]
            )
            return db.changesCount == 1
        }
    }

    public func insert(refreshToken t: RefreshTokenRecord) async throws {
        try await writer.write { db in try Self.insert(t, db) }
    }

    static func insert(_ t: RefreshTokenRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO refreshToken (digest, familyID, principalKind, principalID, deviceID, createdAt, expiresAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                t.digest, t.familyID.uuidString, t.principal.kind, t.principal.id.uuidString, t.deviceID.rawValue,
                t.createdAt.timeIntervalSince1970, t.expiresAt.timeIntervalSince1970,
            ]
        )
    }

    public func rotate(
        refreshTokenDigest digest: String,
        deviceID: DeviceID,
        replacement: RefreshTokenRecord,
        at date: Date
    )
        async throws -> RefreshRotation
    {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM refreshToken WHERE digest = ?", arguments: [digest]) else {
                return .unknown
            }
            let familyID: String = row["familyID"]
            let family = try StoredValue.uuid(familyID)
            if (row["replacedAt"] as Double?) != nil {
                try Self.revoke(family: family, at: date, db)
                return .reused(family: family)
            }
            if (row["revokedAt"] as Double?) != nil || (row["expiresAt"] as Double) <= date.timeIntervalSince1970 {
                return .expired
            }
            guard (row["deviceID"] as String) == deviceID.rawValue else { return .wrongDevice }
            guard let principal = PrincipalRef(kind: row["principalKind"], id: try StoredValue.uuid(row["principalID"])) else {
                throw StoredValue.Corrupt(description: "stored principal kind is unknown")
            }
            try db.execute(sql: "UPDATE refreshToken SET replacedAt = ? WHERE digest = ?", arguments: [date.timeIntervalSince1970, digest])
            var next = replacement
            next.familyID = family
            next.principal = principal
            try Self.insert(next, db)
            return .rotated(principal, family: family)
        }
    }

    public func family(ofRefreshTokenDigest digest: String) async throws -> UUID? {
        let family = try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT familyID FROM refreshToken WHERE digest = ?", arguments: [digest])
        }
        return try family.map(StoredValue.uuid)
    }

    public func revokeFamily(_ family: UUID, at date: Date) async throws {
        try await writer.write { db in try Self.revoke(family: family, at: date, db) }
    }

    static func revoke(family: UUID, at date: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE refreshToken SET revokedAt = ? WHERE familyID = ? AND revokedAt IS NULL",
            arguments: [date.timeIntervalSince1970, family.uuidString]
        )
    }

    public func revokedFamilies(since date: Date) async throws -> [UUID: Date] {
        let rows = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT familyID, MAX(revokedAt) AS endedAt FROM refreshToken WHERE revokedAt >= ? GROUP BY familyID",
                arguments: [date.timeIntervalSince1970]
            )
        }
        var ended: [UUID: Date] = [:]
        for row in rows { ended[try StoredValue.uuid(row["familyID"])] = Date(timeIntervalSince1970: row["endedAt"]) }
        return ended
    }
}
