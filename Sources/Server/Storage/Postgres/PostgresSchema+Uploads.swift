extension PostgresSchema {
    /// Resumable uploads of claim documents (their bytes live in a blob store, not here).
    static let uploads = Migration(
        name: "2026-11-22-uploads",
        statements: [
            """
            CREATE TABLE upload (id text PRIMARY KEY, owner text NOT NULL, length bigint NOT NULL, received bigint NOT NULL,
              metadata bytea NOT NULL, format text, sha256 text, verified boolean NOT NULL, createdAt double precision NOT NULL,
              expiresAt double precision NOT NULL, completedAt double precision, retained boolean NOT NULL DEFAULT false)
            """,
            "CREATE INDEX upload_owner ON upload (owner, createdAt)",
            "CREATE INDEX upload_expiry ON upload (completedAt, expiresAt)",
            "CREATE INDEX upload_sha256 ON upload (sha256)",
        ]
    )
}
