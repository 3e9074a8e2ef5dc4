extension PostgresSchema {
    /// The sync tables: records by bucket with their change-log position, bucket versions,
    /// device counters and stored mutation results.
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

    /// Each bucket numbers its own changes, so a commit locks only its bucket's row (and, for a
    /// booking, the rows of the days it books into). Positions already stored were global and so
    /// increase within every bucket: they stay valid as the buckets' own.
    static let bucketSequences = Migration(
        name: "2026-12-03-bucket-sequences",
        statements: [
            "ALTER TABLE syncBucket ADD COLUMN horizon bigint NOT NULL DEFAULT 0",
            "UPDATE syncBucket SET horizon = (SELECT horizon FROM syncSequence WHERE id = 1)",
            "DROP INDEX syncRecord_bucket_seq",
            "CREATE UNIQUE INDEX syncRecord_bucket_seq ON syncRecord (bucket, seq)",
            "DROP TABLE syncSequence",
            // One row per kind, branch and day that has been booked: the lock that serializes
            // bookings of that day, across buckets and processes.
            "CREATE TABLE appointmentDay (kind text NOT NULL, branchID text NOT NULL, date text NOT NULL, PRIMARY KEY (kind, branchID, date))",
        ]
    )
}
