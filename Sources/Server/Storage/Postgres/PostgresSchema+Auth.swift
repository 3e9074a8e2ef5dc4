extension PostgresSchema {
    /// The token-signing secret leaves the database (whoever read it could sign an officer's
    /// token): signing keys come from a key file or the environment. Codes of open challenges
    /// were made with the old secret, so those challenges end (ask for a new code).
    static let signingKeyLeaves = Migration(
        name: "2026-12-03-signing-key-leaves-the-database",
        statements: [
            "DELETE FROM setting WHERE name = 'token-signing-key'",
            "UPDATE signInChallenge SET expiresAt = 0 WHERE consumedAt IS NULL",
        ]
    )

    /// Ended sign-ins are read when the service starts (``RevokedSessions``).
    static let refreshTokenRevocations = Migration(
        name: "2026-12-03-refresh-token-revocations",
        statements: ["CREATE INDEX refreshToken_revokedAt ON refreshToken (revokedAt)"]
    )

    /// Wrong one-time codes per identity, for progressive lock-outs.
    static let signInLockouts = Migration(
        name: "2026-12-03-sign-in-lockouts",
        statements: [
            """
            CREATE TABLE signInLockout (principalID text PRIMARY KEY, failures bigint NOT NULL, lockedUntil double precision,
              lastFailureAt double precision NOT NULL)
            """
        ]
    )
}
