extension PostgresSchema {
    /// The office tables: the append-only audit log (guarded by a trigger) and the office's
    /// views of claim, notification, survey and biometric-attempt records. They come with the
    /// first PostgreSQL schema, so there are no records to fill them from.
    static let office = Migration(
        name: "2026-11-22-office",
        statements: [
            """
            CREATE TABLE officeAudit (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, claimID text NOT NULL,
              branchID text NOT NULL, at double precision NOT NULL, entry bytea NOT NULL)
            """,
            "CREATE INDEX officeAudit_claim ON officeAudit (claimID)",
            "CREATE INDEX officeAudit_branch_at ON officeAudit (branchID, at)",
            """
            CREATE FUNCTION officeAudit_appendOnly() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
            """,
            """
            CREATE TRIGGER officeAudit_appendOnly BEFORE UPDATE OR DELETE OR TRUNCATE ON officeAudit
            FOR EACH STATEMENT EXECUTE FUNCTION officeAudit_appendOnly()
            """,
            """
            CREATE TABLE officeClaim (claimID text PRIMARY KEY, participantID text NOT NULL, branchID text NOT NULL,
              status text NOT NULL, statusSince double precision NOT NULL, claim bytea NOT NULL, signatures bytea NOT NULL)
            """,
            "CREATE INDEX officeClaim_branch_status ON officeClaim (branchID, status)",
            """
            CREATE TABLE officeNotice (id text PRIMARY KEY, claimID text NOT NULL, kind text NOT NULL,
              createdAt double precision NOT NULL)
            """,
            "CREATE INDEX officeNotice_claim ON officeNotice (claimID)",
            "CREATE TABLE officeSurvey (claimID text PRIMARY KEY, submittedAt double precision NOT NULL, survey bytea NOT NULL)",
            """
            CREATE TABLE officeBiometricAttempt (id text PRIMARY KEY, participantID text NOT NULL, passed boolean NOT NULL,
              attemptedAt double precision NOT NULL, attempt bytea NOT NULL)
            """,
            "CREATE INDEX officeBiometricAttempt_participant ON officeBiometricAttempt (participantID, attemptedAt)",
        ]
    )
}
