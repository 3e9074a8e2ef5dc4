import Foundation
import Logging
import Models
import PostgresNIO

// Wrong one-time codes per identity.
extension PostgresStore {
    public func lockout(of principal: PrincipalRef) async throws -> LockoutState? {
        try await rows(Self.lockoutQuery(principal, forUpdate: false)).first.map(Self.lockout)
    }

    public func recordWrongCode(of principal: PrincipalRef, policy: LockoutPolicy, at date: Date) async throws -> LockoutState {
        let logger = logger
        return try await transaction { connection in
            // A row to lock first, so two processes counting at once count one after the other.
            try await connection.query(
                """
                INSERT INTO signInLockout (principalID, failures, lastFailureAt) VALUES (\(principal.id.uuidString), 0, 0)
                ON CONFLICT (principalID) DO NOTHING
                """,
                logger: logger
            )
            let current = try await connection.rows(Self.lockoutQuery(principal, forUpdate: true), logger: logger).first.map(Self.lockout)
            // A row just made holds nothing yet.
            let state = policy.afterFailure(current.flatMap { $0.failures == 0 && $0.lockedUntil == nil ? nil : $0 }, at: date)
            try await connection.query(
                """
                UPDATE signInLockout SET failures = \(state.failures), lockedUntil = \(state.lockedUntil?.timeIntervalSince1970),
                  lastFailureAt = \(state.lastFailureAt.timeIntervalSince1970)
                WHERE principalID = \(principal.id.uuidString)
                """,
                logger: logger
            )
            return state
        }
    }

    public func clearLockout(of principal: PrincipalRef) async throws {
        try await rows("DELETE FROM signInLockout WHERE principalID = \(principal.id.uuidString)")
    }

    static func lockoutQuery(_ principal: PrincipalRef, forUpdate: Bool) -> PostgresQuery {
        let query: PostgresQuery =
            "SELECT failures, lockedUntil, lastFailureAt FROM signInLockout WHERE principalID = \(principal.id.uuidString)"
        return forUpdate ? PostgresQuery(unsafeSQL: query.sql + " FOR UPDATE", binds: query.binds) : query
    }

    static func lockout(_ row: PostgresRow) throws -> LockoutState {
        let (failures, lockedUntil, lastFailureAt) = try row.decode((Int, Double?, Double).self)
        return LockoutState(
            failures: failures,
            lockedUntil: lockedUntil.map(Date.init(timeIntervalSince1970:)),
            lastFailureAt: Date(timeIntervalSince1970: lastFailureAt)
        )
    }
}
