import Foundation
import GRDB
import Models

// Wrong one-time codes per identity.
extension SQLiteStore {
    public func lockout(of principal: PrincipalRef) async throws -> LockoutState? {
        try await writer.read { db in try Self.lockout(principal, db) }
    }

    public func recordWrongCode(of principal: PrincipalRef, policy: LockoutPolicy, at date: Date) async throws -> LockoutState {
        try await writer.write { db in
            let state = policy.afterFailure(try Self.lockout(principal, db), at: date)
            try db.execute(
                sql: """
                    INSERT INTO signInLockout (principalID, failures, lockedUntil, lastFailureAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(principalID) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil,
                      lastFailureAt = excluded.lastFailureAt
                    """,
                arguments: [
                    principal.id.uuidString, state.failures, state.lockedUntil?.timeIntervalSince1970,
                    state.lastFailureAt.timeIntervalSince1970,
                ]
            )
            return state
        }
    }

    public func clearLockout(of principal: PrincipalRef) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM signInLockout WHERE principalID = ?", arguments: [principal.id.uuidString])
        }
    }

    static func lockout(_ principal: PrincipalRef, _ db: Database) throws -> LockoutState? {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM signInLockout WHERE principalID = ?", arguments: [principal.id.uuidString])
        return row.map { row in
            LockoutState(
                failures: row["failures"],
                lockedUntil: (row["lockedUntil"] as Double?).map(Date.init(timeIntervalSince1970:)),
                lastFailureAt: Date(timeIntervalSince1970: row["lastFailureAt"])
            )
        }
    }
}
