import GRDB
import Sync

extension ReplicaStore {
    /// A server record row: the record and the change-log position it was last seen at.
    struct ServerRow {
        var record: SyncRecord
        var seq: Int64
    }

    static func serverRecord(_ key: RecordKey, _ db: Database) throws -> ServerRow? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT record, seq FROM serverRecord WHERE type = ? AND id = ?",
                arguments: [key.type, key.id]
            )
        else { return nil }
        return ServerRow(record: try ReplicaCoding.decode(SyncRecord.self, from: row["record"]), seq: row["seq"])
    }

    /// Joins a state the server sent into the stored one (the join makes the order in which
    /// pulls and push results arrive irrelevant); a tombstone deletes the local copy.
    static func receiveServerRecord(_ record: SyncRecord, seq: Int64, _ db: Database) throws {
        let existing = try serverRecord(record.key, db)
        let merged = existing.map { $0.record.merged(with: record) } ?? record
        if merged.deleted {
            try db.execute(sql: "DELETE FROM serverRecord WHERE type = ? AND id = ?", arguments: [record.key.type, record.key.id])
            return
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO serverRecord (type, id, seq, record) VALUES (?, ?, ?, ?)",
            arguments: [record.key.type, record.key.id, max(seq, existing?.seq ?? 0), try ReplicaCoding.encode(merged)]
        )
    }

    /// Moves the device's clock past every timestamp in `records`, so a write made after
    /// seeing them orders after them whatever the phone's wall clock says.
    func observeClocks(of records: [SyncRecord], meta: inout ReplicaMeta) {
        let latest = records.flatMap { $0.fields.values.map(\.latestClock) }.max()
        guard let latest, latest > meta.clock else { return }
        var clock = meta.hybridLogicalClock
        // The phone trusts the server's clocks: they were checked for skew when written.
        if let received = try? clock.receive(latest, physicalMillis: max(wallClock(), latest.millis)) {
            meta.clock = received
        }
    }
}
