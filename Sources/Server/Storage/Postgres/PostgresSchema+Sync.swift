extension PostgresSchema {
    /// The sync tables: records by bucket with their change-log position, bucket versions,
    /// the global sequence (one row, also the lock that orders commits), device counters and
    /// stored mutation results.
    static let sync = Migration(
        name: "2026-11-21-sync",
        statements: [
            """
            CREATE TABLE syncRecord (type text NOT NULL, id text NOT NULL, bucket text NOT NULL, seq bigint NOT NULL,
              deleted boolean NOT NULL, state bytea NOT NULL, PRIMARY KEY (type, id))
            """,
            "CREATE INDEX syncRecord_bucket_seq ON syncRecord (bucket, seq)",
            "CREATE TABLE syncBucket (bucket text PRIMARY KEY, version bigint NOT NULL)",
            "CREATE TABLE syncSequence (id integer PRIMARY KEY, value bigint NOT NULL, horizon bigint NOT NULL)",
            "INSERT INTO syncSequence (id, value, horizon) VALUES (1, 0, 0)",
            "CREATE TABLE syncDevice (deviceID text PRIMARY KEY, bucket text NOT NULL, lastCounter bigint NOT NULL)",
            """
            CREATE TABLE syncResult (deviceID text NOT NULL, counter bigint NOT NULL, result bytea NOT NULL,
              PRIMARY KEY (deviceID, counter))
            """,
        ]
    )
}
