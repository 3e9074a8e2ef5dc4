import Foundation
import Logging
import Models
import PostgresNIO

// The ledger, read and appended inside the caller's transaction.
extension PostgresStore {
    public func ledger(of participant: Participant.ID) async throws -> Ledger {
        let logger = logger
        let sealing = sealing
        return try await transaction(readOnly: true) { connection in
            try await Self.ledger(of: participant.rawValue.uuidString, sealing: sealing, on: connection, logger: logger)
        }
    }

    static func insert(_ row: LedgerRow, on connection: PostgresConnection, logger: Logger) async throws {
        var bindings = PostgresBindings(capacity: 6)
        try bindings.append(row.id)
        try bindings.append(row.participantID)
        try bindings.append(row.claimID)
        try bindings.append(row.amount)
        try bindings.append(row.source)
        try bindings.append(row.at)
        try await connection.rows(AppendLedger.self, bindings: bindings, logger: logger)
    }

    /// A participant's ledger, oldest first.
    static func ledger(
        of participant: String,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Ledger {
        let rows = try await connection.rows(LedgerOf.self, participant, logger: logger)
        return Ledger(
            entries: try rows.map { row in
                let (id, participantID, claimID, amount, source, at) = try row.decode((String, String, String?, Int64, Data, Double).self)
                return try LedgerRow(id: id, participantID: participantID, claimID: claimID, amount: amount, source: source, at: at)
                    .entry(sealing: sealing)
            }
        )
    }

    /// The account of participant `id`, with the balance its ledger holds.
    static func account(
        id: String,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> ParticipantAccount? {
        guard let row = try await connection.rows(AccountByID.self, id, logger: logger).first else { return nil }
        return try await account(row, sealing: sealing, on: connection, logger: logger)
    }

    /// The account of the participant `condition` selects, with the balance its ledger holds.
    static func account(
        where condition: PostgresQuery,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> ParticipantAccount? {
        let query = PostgresQuery(unsafeSQL: accountColumns + " WHERE " + condition.sql, binds: condition.binds)
        guard let row = try await connection.rows(query, logger: logger).first else { return nil }
        return try await account(row, sealing: sealing, on: connection, logger: logger)
    }

    /// The account in `row`, with the balance its ledger holds.
    static func account(
        _ row: PostgresRow,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> ParticipantAccount {
        let account = try account(from: row, sealing: sealing)
        return account.withBalance(
            of: try await ledger(of: account.participant.id.rawValue.uuidString, sealing: sealing, on: connection, logger: logger)
        )
    }
}
