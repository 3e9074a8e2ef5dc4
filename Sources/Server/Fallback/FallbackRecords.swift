import Foundation
import Models
import Sync

/// Turns fallback models into record writes for a participant's bucket, through the one merge
/// function with the server as the writer.
struct FallbackRecords: Sendable {
    let clock: ServerClock

    static func key(of ticket: FallbackTicket.ID) -> RecordKey {
        RecordKey(type: FallbackTicket.syncSchema.type, id: ticket.rawValue.uuidString)
    }

    static func key(of appointment: Appointment.ID) -> RecordKey {
        RecordKey(type: Appointment.syncSchema.type, id: appointment.rawValue.uuidString)
    }

    static func claimKey(of claim: Claim.ID) -> RecordKey {
        RecordKey(type: Claim.syncSchema.type, id: claim.rawValue.uuidString)
    }

    /// A new record holding `model`.
    func create<M: SyncedModel>(_ model: M) throws -> SyncRecord {
        try SyncRecord.make(model, clock: clock.tick(), tag: UUID().uuidString)
    }

    /// `record` updated from `old` to `new`: only the fields that differ are written.
    func update<M: SyncedModel>(_ record: SyncRecord, from old: M, to new: M) throws -> SyncRecord {
        try update(record, fields: try Self.changedFields(from: old, to: new), schema: M.syncSchema)
    }

    /// `record` with `fields` written by the server.
    func update(_ record: SyncRecord, fields: [String: JSONValue], schema: RecordSchema) throws -> SyncRecord {
        if fields.isEmpty { return record }
        let applied = Merge.apply(
            .update(fields: fields),
            to: record,
            key: record.key,
            schema: schema,
            clock: clock.tick(),
            tag: UUID().uuidString,
            writer: .server
        )
        return try applied.get().record
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
