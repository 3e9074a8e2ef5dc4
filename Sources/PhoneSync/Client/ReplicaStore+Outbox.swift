import Foundation
import GRDB
import Sync

extension ReplicaStore {
    /// The outbox, in counter order.
    public func outbox() throws -> [OutboxEntry] {
        try writer.read { db in try Self.outboxEntries(db, sql: "SELECT mutation, state FROM outbox ORDER BY counter") }
    }

    /// How many mutations wait in the outbox (pending or in flight).
    public func outboxCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Where a record stands with the server: ``RecordSyncState/rejected(_:)`` with the
    /// latest refusal the participant has not dismissed, else ``RecordSyncState/pending`` if
    /// any of its outbox entries is not in flight, ``RecordSyncState/sending`` if all are,
    /// ``RecordSyncState/synced`` if it has none.
    public func syncState(of key: RecordKey) throws -> RecordSyncState {
        try writer.read { db in try Self.syncState(of: key, db) }
    }

    static func syncState(of key: RecordKey, _ db: Database) throws -> RecordSyncState {
        let arguments: StatementArguments = [key.type, key.id]
        if let row = try Row.fetchOne(
            db,
            sql: "SELECT * FROM rejection WHERE recordType = ? AND recordID = ? AND NOT acknowledged ORDER BY id DESC LIMIT 1",
            arguments: arguments
        ) {
            return .rejected(try storedRejection(row))
        }
        let states = try String.fetchAll(db, sql: "SELECT state FROM outbox WHERE recordType = ? AND recordID = ?", arguments: arguments)
        if states.isEmpty { return .synced }
        return states.contains(OutboxEntry.State.pending.rawValue) ? .pending : .sending
    }

    static func outboxEntries(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [OutboxEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            OutboxEntry(
                mutation: try ReplicaCoding.decode(Mutation.self, from: row["mutation"]),
                state: OutboxEntry.State(rawValue: row["state"]) ?? .pending
            )
        }
    }

    static func pendingMutations(for key: RecordKey, _ db: Database) throws -> [Mutation] {
        try outboxEntries(
            db,
            sql: "SELECT mutation, state FROM outbox WHERE recordType = ? AND recordID = ? ORDER BY counter",
            arguments: [key.type, key.id]
        ).map(\.mutation)
    }

    static func insert(_ mutation: Mutation, state: OutboxEntry.State, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO outbox (counter, mutationID, recordType, recordID, mutation, state) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                mutation.counter, mutation.id.uuidString, mutation.record.type, mutation.record.id, try ReplicaCoding.encode(mutation),
                state.rawValue,
            ]
        )
    }
}
