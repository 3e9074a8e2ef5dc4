import Foundation
import Models
import Sync

/// A decision's working copy of a bucket: what the server writes goes through the one merge
/// function (as the server) and collects, in order, into the changes the transaction commits.
struct BucketDraft {
    private(set) var records: [RecordKey: SyncRecord]
    var changes = BucketChanges()
    let clock: ServerClock

    init(_ state: BucketState, clock: ServerClock) {
        self.records = state.records
        self.clock = clock
    }

    subscript(key: RecordKey) -> SyncRecord? { records[key] }

    /// The live (not deleted) record of `key` decoded as `M`; `nil` when there is none.
    func model<M: SyncedModel>(_ type: M.Type, _ key: RecordKey) throws -> M? {
        guard let record = records[key], !record.deleted else { return nil }
        return try record.decode(as: M.self)
    }

    /// Records `record` as written: it replaces the bucket's copy and is committed once, at the
    /// position of its first change in this action.
    mutating func put(_ record: SyncRecord) {
        if let index = changes.writes.firstIndex(where: { $0.key == record.key }) {
            changes.writes[index] = record
        } else {
            changes.writes.append(record)
        }
        records[record.key] = record
    }

    /// A new record holding `model`.
    @discardableResult
    mutating func create<M: SyncedModel>(_ model: M) throws -> SyncRecord {
        let record = try SyncRecord.make(model, clock: clock.tick(), tag: UUID().uuidString)
        put(record)
        return record
    }

    /// The record of `new` updated from `old`: only the fields that differ are written.
    @discardableResult
    mutating func update<M: SyncedModel>(from old: M, to new: M) throws -> SyncRecord? {
        let key = RecordKey(type: M.syncSchema.type, id: new.recordID)
        return try update(key, fields: try Self.changedFields(from: old, to: new), schema: M.syncSchema)
    }

    /// `fields` of the record of `key` written by the server, after every write the record holds
    /// (a server-owned field always takes the server's new value). Nothing when `fields` is empty.
    @discardableResult
    mutating func update(_ key: RecordKey, fields: [String: JSONValue], schema: RecordSchema) throws -> SyncRecord? {
        guard let current = records[key] else { throw Rejection(code: "record.notFound", message: "No \(schema.type) \(key.id).") }
        if fields.isEmpty { return nil }
        let applied = Merge.apply(
            .update(fields: fields),
            to: current,
            key: key,
            schema: schema,
            clock: clock.tick(after: current),
            tag: UUID().uuidString,
            writer: .server
        )
        let record = try applied.get().record
        put(record)
        return record
    }

    /// The top-level fields that differ between two versions of a model (removed ones as null).
    static func changedFields(from old: some Encodable, to new: some Encodable) throws -> [String: JSONValue] {
        guard case .object(let before) = try JSONValue(encoding: old), case .object(let after) = try JSONValue(encoding: new) else {
            return [:]
        }
        var changed = after.filter { before[$0.key] != $0.value }
        for key in before.keys where after[key] == nil { changed[key] = .null }
        return changed
    }
}
