import Foundation
import Logging
import Models
import PostgresNIO

// Personal data sealed at rest: the data keys, resealing, the participant and officer rows.
extension PostgresStore {
    /// How this store writes personal data now.
    var sealing: Sealing { .sealed(atRestKeys.cipher) }

    public func dataKeys() async throws -> [WrappedDataKey] {
        let logger = logger
        return try await transaction(readOnly: true) { connection in try await Self.dataKeys(on: connection, logger: logger) }
    }

    public func save(dataKeys keys: [WrappedDataKey]) async throws {
        let logger = logger
        try await transaction { connection in
            for key in keys { try await Self.save(key, on: connection, logger: logger) }
        }
    }

    public func resealAll() async throws -> Int {
        let logger = logger
        let cipher = atRestKeys.cipher
        return try await transaction { connection in try await Self.reseal(on: connection, with: cipher, logger: logger) }
    }

    static func dataKeys(on connection: PostgresConnection, logger: Logger) async throws -> [WrappedDataKey] {
        try await connection.rows("SELECT kid, use, wrapped, wrappedBy, activatesAt FROM atRestKey ORDER BY kid", logger: logger).map {
            row in
            let (kid, use, wrapped, wrappedBy, activatesAt) = try row.decode((String, String, Data, String, Double).self)
            return WrappedDataKey(
                kid: kid,
                use: try StoredValue.decode(WrappedDataKey.Use.self, use),
                wrapped: wrapped,
                wrappedBy: wrappedBy,
                activatesAt: Date(timeIntervalSince1970: activatesAt)
            )
        }
    }

    static func save(_ key: WrappedDataKey, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO atRestKey (kid, use, wrapped, wrappedBy, activatesAt)
            VALUES (\(key.kid), \(key.use.rawValue), \(key.wrapped), \(key.wrappedBy), \(key.activatesAt.timeIntervalSince1970))
            ON CONFLICT (kid) DO UPDATE SET wrapped = excluded.wrapped, wrappedBy = excluded.wrappedBy
            """,
            logger: logger
        )
    }

    /// The store's cipher: its data keys unwrapped with `ring`, created when it has none yet.
    /// Runs inside the migration's transaction, under its lock: two processes starting at once
    /// never make two first keys.
    static func loadOrCreateDataKeys(
        on connection: PostgresConnection,
        with ring: KeyEncryptionKeyRing,
        logger: Logger
    ) async throws -> AtRestCipher {
        var keys = try await dataKeys(on: connection, logger: logger)
        if keys.isEmpty {
            guard let wrapping = ring.wrapping else { throw WrappedDataKey.UnwrapError.noKeys }
            keys = try WrappedDataKey.first(wrappedBy: wrapping, at: Date())
            for key in keys { try await save(key, on: connection, logger: logger) }
        }
        return try AtRestCipher(unwrapping: keys, with: ring)
    }

    /// Seals, under the key that seals now, every value of ``SealedColumn/all`` that is plain or
    /// sealed under another key; how many it sealed.
    static func reseal(on connection: PostgresConnection, with cipher: AtRestCipher, logger: Logger) async throws -> Int {
        let kid = cipher.sealingKid()
        let sealing = Sealing.sealed(cipher)
        var count = 0
        try await withAppendOnlyLifted(on: connection, logger: logger) {
            for column in SealedColumn.all {
                let rows = try await connection.rows(
                    PostgresQuery(unsafeSQL: "SELECT ctid::text, \(column.column) FROM \(column.table) WHERE \(column.column) IS NOT NULL"),
                    logger: logger
                )
                for row in rows {
                    let (ctid, value) = try row.decode((String, Data).self)
                    guard SealedColumn.needsSealing(value, under: kid) else { continue }
                    let sealed = sealing.seal(try sealing.open(value, for: column.purpose), for: column.purpose)
                    var query = PostgresQuery(unsafeSQL: "UPDATE \(column.table) SET \(column.column) = $1 WHERE ctid = $2::tid")
                    try query.binds.append(sealed)
                    try query.binds.append(ctid)
                    try await connection.query(query, logger: logger)
                    count += 1
                }
            }
        }
        return count
    }

    /// Runs `body` with the append-only logs' guards (triggers) disabled, inside the caller's
    /// transaction: sealing rewrites their rows' bytes, never what the rows say.
    static func withAppendOnlyLifted(on connection: PostgresConnection, logger: Logger, _ body: () async throws -> Void) async throws {
        let tables = Set(SealedColumn.all.filter(\.appendOnly).map(\.table)).sorted()
        for table in tables {
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DISABLE TRIGGER \(table)_appendOnly"), logger: logger)
        }
        try await body()
        for table in tables {
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ENABLE TRIGGER \(table)_appendOnly"), logger: logger)
        }
    }

    /// After the sealing migration: every table that held personal data rewritten
    /// (`VACUUM FULL`), so neither the rows' old versions nor the dropped columns stay in its
    /// files. Outside any transaction.
    static func compactAfterSealing(on connection: PostgresConnection, logger: Logger) async throws {
        for table in Set(SealedColumn.all.map(\.table)).sorted() {
            try await connection.query(PostgresQuery(unsafeSQL: "VACUUM FULL \(table)"), logger: logger)
        }
    }
}
