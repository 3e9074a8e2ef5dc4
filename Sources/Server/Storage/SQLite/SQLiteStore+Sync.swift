import Foundation
import GRDB
import Models
import Sync

extension SQLiteStore {
    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        try await writer.read { db in try Self.snapshot(of: bucket, in: db) }
    }

    /// The bucket's records and version, inside the caller's transaction.
    static func snapshot(of bucket: BucketID, in db: Database) throws -> BucketSnapshot {
        let version = try Int64.fetchOne(db, sql: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [bucket.rawValue]) ?? 0
        var records: [RecordKey: SyncRecord] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT state FROM syncRecord WHERE bucket = ?", arguments: [bucket.rawValue])
        while let row = try rows.next() {
            let record = try decoder.decode(SyncRecord.self, from: row["state"] as Data)
            records[record.key] = record
        }
        return BucketSnapshot(bucket: bucket, version: version, records: records)
    }

    public func deviceState(_ deviceID: String) async throws -> DeviceState? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM syncDevice WHERE deviceID = ?", arguments: [deviceID]).map {
                DeviceState(deviceID: deviceID, bucket: BucketID($0["bucket"]), lastCounter: $0["lastCounter"])
            }
        }
    }

    public func bucket(of key: RecordKey) async throws -> BucketID? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?", arguments: [key.type, key.id])
                .map(BucketID.init)
        }
    }

    enum CommitAbort: Error {
        case keyOwnedByAnotherBucket
    }

    public func changes(in buckets: [BucketID], after cursor: Int64, limit: Int) async throws -> ChangePage {
        try await writer.read { db in
            let placeholders = buckets.map { _ in "?" }.joined(separator: ", ")
            var arguments = StatementArguments(buckets.map(\.rawValue))
            arguments += [cursor, limit + 1]
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT seq, state FROM syncRecord WHERE bucket IN (\(placeholders)) AND seq > ? ORDER BY seq LIMIT ?",
                arguments: arguments
            )
            let changes = try rows.prefix(limit).map { row in
                Change(seq: row["seq"], record: try Self.decoder.decode(SyncRecord.self, from: row["state"] as Data))
            }
            return ChangePage(changes: changes, hasMore: rows.count > limit)
        }
    }

    public func currentCursor() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM syncSequence WHERE id = 1") ?? 0 }
    }

    public func latestChange(in buckets: [BucketID]) async throws -> Int64 {
        try await writer.read { db in
            let placeholders = buckets.map { _ in "?" }.joined(separator: ", ")
            return try Int64.fetchOne(
                db,
                sql: "SELECT MAX(version) FROM syncBucket WHERE bucket IN (\(placeholders))",
                arguments: StatementArguments(buckets.map(\.rawValue))
            ) ?? 0
        }
    }

    public func retentionHorizon() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT horizon FROM syncSequence WHERE id = 1") ?? 0 }
    }

    public func purgeTombstones(before cursor: Int64) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM syncRecord WHERE deleted = 1 AND seq < ?", arguments: [cursor])
            let purged = db.changesCount
            try db.execute(sql: "UPDATE syncSequence SET horizon = MAX(horizon, ?) WHERE id = 1", arguments: [cursor])
            return purged
        }
    }
}
