extension PostgresSchema {
    /// The ledger: every participant's balance as an append-only list of entries (guarded by a
    /// trigger), with at most one payment per claim. Balances stored on participants before the
    /// ledger existed become their opening entries.
    static let ledger = Migration(
        name: "2026-12-03-ledger",
        statements: [
            """
            CREATE TABLE ledgerEntry (id text PRIMARY KEY, participantID text NOT NULL, claimID text, amount bigint NOT NULL,
              source bytea NOT NULL, at double precision NOT NULL)
            """,
            "CREATE INDEX ledgerEntry_participant ON ledgerEntry (participantID)",
            "CREATE UNIQUE INDEX ledgerEntry_claim ON ledgerEntry (claimID) WHERE claimID IS NOT NULL",
            """
            CREATE FUNCTION ledgerEntry_appendOnly() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$
            """,
            """
            CREATE TRIGGER ledgerEntry_appendOnly BEFORE UPDATE OR DELETE OR TRUNCATE ON ledgerEntry
            FOR EACH STATEMENT EXECUTE FUNCTION ledgerEntry_appendOnly()
            """,
            """
            INSERT INTO ledgerEntry (id, participantID, claimID, amount, source, at)
            SELECT upper(gen_random_uuid()::text), id, NULL, balance, convert_to('{"kind":"openingBalance"}', 'UTF8'),
              extract(epoch FROM now())
            FROM participant WHERE balance <> 0
            """,
            "UPDATE participant SET balance = 0",
        ]
    )
}
