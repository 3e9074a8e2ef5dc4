import Foundation
import GRDB
import Models
import Sync

extension ReplicaStore {
    /// The record as the participant sees it: the server's record with every outbox mutation
    /// re-applied on top; `nil` if it does not exist (or is deleted) locally.
    public func localRecord(_ key: RecordKey) throws -> SyncRecord? {
        try writer.read { db in try localView(key, db) }.flatMap { $0.deleted ? nil : $0 }
    }

    /// Every record of a type in the local view, in id order.
    public func localRecords(type: String) throws -> [SyncRecord] {
        try writer.read { db in
            let ids = try String.fetchSet(
                db,
                sql: "SELECT id FROM serverRecord WHERE type = ? UNION SELECT recordID FROM outbox WHERE recordType = ?",
                arguments: [type, type]
            )
            return try ids.sorted().compactMap { id in try localView(RecordKey(type: type, id: id), db) }.filter { !$0.deleted }
        }
    }

    /// The local view decoded into its model, if the record exists locally.
    public func localModel<Model: SyncedModel>(_ type: Model.Type, id: String) throws -> Model? {
        try localRecord(RecordKey(type: Model.syncSchema.type, id: id)).map { try $0.decode(as: Model.self) }
    }

    /// The last state the server sent of a record, without local changes.
    public func serverRecord(_ key: RecordKey) throws -> SyncRecord? {
        try writer.read { db in try Self.serverRecord(key, db)?.record }
    }

    /// Re-applies pending mutations, in order, on top of the server's record (a rebase).
    ///
    /// Non-intent operations go through `Merge.apply(_:to:key:schema:clock:tag:writer:)` as
    /// the client, tagged with the mutation id, as the server applies them; a mutation that
    /// would be refused changes nothing. Intents change the view only as ``IntentPredictor``
    /// predicts. Without a schema the server's record stands as it is.
    public static func rebase(_ server: SyncRecord?, key: RecordKey, pending: [Mutation], schema: RecordSchema?) -> SyncRecord? {
        guard let schema else { return server }
        var record = server
        for mutation in pending {
            if case .intent(let intent) = mutation.operation {
                record = IntentPredictor.predict(intent, on: record, mutation: mutation, schema: schema)
                continue
            }
            let applied = Merge.apply(
                mutation.operation,
                to: record,
                key: key,
                schema: schema,
                clock: mutation.clock,
                tag: mutation.id.uuidString,
                writer: .client
            )
            if case .success(let applied) = applied { record = applied.record }
        }
        return record
    }

    func localView(_ key: RecordKey, _ db: Database) throws -> SyncRecord? {
        Self.rebase(
            try Self.serverRecord(key, db)?.record,
            key: key,
            pending: try Self.pendingMutations(for: key, db),
            schema: schemas[key.type]
        )
    }
}
