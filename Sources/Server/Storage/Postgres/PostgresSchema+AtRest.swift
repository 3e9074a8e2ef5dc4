import Foundation
import Logging
import Models
import PostgresNIO

extension PostgresSchema {
    /// The data keys, wrapped by key-encryption keys the database does not hold.
    static let atRestKeys = Migration(
        name: "2026-12-04-at-rest-keys",
        statements: [
            """
            CREATE TABLE atRestKey (kid text PRIMARY KEY, use text NOT NULL, wrapped bytea NOT NULL, wrappedBy text NOT NULL,
              activatesAt double precision NOT NULL)
            """
        ]
    )

    /// Every row written before sealing sealed in place: NIK and KPJ leave the participant table
    /// for their keyed digests (unique, as they were), everything that names or reaches the person
    /// goes into one sealed value; officers' names and phones are sealed; ledger amounts move into
    /// the sealed entry; then every sealed column is sealed. The rows' old versions and the
    /// dropped columns stay in the table files until ``PostgresStore/compactAfterSealing(on:logger:)``
    /// rewrites them, right after this migration commits.
    static let personalDataSealed = Migration(
        name: "2026-12-04-personal-data-sealed",
        statements: [
            "ALTER TABLE participant ADD COLUMN nikDigest text, ADD COLUMN kpjDigest text, ADD COLUMN personal bytea",
            "ALTER TABLE officer ADD COLUMN personal bytea",
        ],
        run: { connection, keyEncryption, logger in
            let cipher = try await PostgresStore.loadOrCreateDataKeys(on: connection, with: keyEncryption, logger: logger)
            let sealing = Sealing.sealed(cipher)
            let participants = try await connection.rows(
                "SELECT id, nik, kpj, name, birthDate, sex, phone, email, employerName, endOfWorkDate FROM participant",
                logger: logger
            )
            for row in participants {
                let c = try row.decode((String, String, String, String, String, String, String?, String?, String, String?).self)
                let personal = SealedParticipant(
                    nik: c.1,
                    kpj: c.2,
                    name: c.3,
                    birthDate: c.4,
                    sex: c.5,
                    phone: c.6,
                    email: c.7,
                    employerName: c.8,
                    endOfWorkDate: c.9
                )
                try await connection.query(
                    """
                    UPDATE participant SET nikDigest = \(cipher.digest(c.1, for: .nikLookup)), kpjDigest = \(cipher.digest(c.2, for: .kpjLookup)),
                      personal = \(try sealing.encode(personal, for: .participant)) WHERE id = \(c.0)
                    """,
                    logger: logger
                )
            }
            for statement in [
                """
                ALTER TABLE participant DROP COLUMN nik, DROP COLUMN kpj, DROP COLUMN name, DROP COLUMN birthDate, DROP COLUMN sex,
                  DROP COLUMN phone, DROP COLUMN email, DROP COLUMN employerName, DROP COLUMN endOfWorkDate
                """,
                "ALTER TABLE participant ALTER COLUMN nikDigest SET NOT NULL, ALTER COLUMN kpjDigest SET NOT NULL, ALTER COLUMN personal SET NOT NULL",
                "CREATE UNIQUE INDEX participant_nikDigest ON participant (nikDigest)",
                "CREATE UNIQUE INDEX participant_kpjDigest ON participant (kpjDigest)",
            ] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            for row in try await connection.rows("SELECT id, name, phone FROM officer", logger: logger) {
                let (id, name, phone) = try row.decode((String, String, String?).self)
                let personal = try sealing.encode(SealedOfficer(name: name, phone: phone), for: .officer)
                try await connection.query(
                    "UPDATE officer SET name = '', phone = NULL, personal = \(personal) WHERE id = \(id)",
                    logger: logger
                )
            }
            try await PostgresStore.withAppendOnlyLifted(on: connection, logger: logger) {
                for row in try await connection.rows("SELECT id, amount, source FROM ledgerEntry", logger: logger) {
                    let (id, amount, source) = try row.decode((String, Int64, Data).self)
                    let entry = SealedLedgerEntry(
                        amount: amount,
                        source: try StoredJSON.decoder.decode(LedgerEntry.Source.self, from: source)
                    )
                    try await connection.query(
                        "UPDATE ledgerEntry SET amount = 0, source = \(try sealing.encode(entry, for: .ledgerEntry)) WHERE id = \(id)",
                        logger: logger
                    )
                }
            }
            _ = try await PostgresStore.reseal(on: connection, with: cipher, logger: logger)
        }
    )
}
