import Foundation
import GRDB
import Models
import Sync

extension SQLiteStore {
    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        let sealing = sealing
        return try await writer.read { db in try Self.snapshot(of: bucket, sealing: sealing, in: db) }
    }

    /// The bucket's records and version, inside the caller's transaction.
    static func snapshot(of bucket: BucketID, sealing: Sealing, in db: Database) throws -> BucketSnapshot {
        let version = try Int64.fetchOne(db, cached: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [bucket.rawValue]) ?? 0
        var records: [RecordKey: SyncRecord] = [:]
        let rows = try Row.fetchCursor(db, cached: "SELECT state FROM syncRecord WHERE bucket = ?", arguments: [bucket.rawValue])
        while let row = try rows.next() {
            let record = try sealing.decodeRecord(from: row["state"])
            records[record.key] = record
        }
        return BucketSnapshot(bucket: bucket, version: version, records: records)
    }

    public func deviceState(_ deviceID: String) async throws -> DeviceState? {
        try await writer.read { db in
            try Row.fetchOne(db, cached: "SELECT * FROM syncDevice WHERE deviceID = ?", arguments: [deviceID]).map {
                DeviceState(deviceID: deviceID, bucket: BucketID($0["bucket"]), lastCounter: $0["lastCounter"])
            }
        }
    }

    public func bucket(of key: RecordKey) async throws -> BucketID? {
        try await writer.read { db in
            try String.fetchOne(db, cached: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?", arguments: [key.type, key.id])
                .map(BucketID.init)
        }
    }

    enum CommitAbort: Error {
        case keyOwnedByAnotherBucket
    }

    public func changes(after positions: [(bucket: BucketID, position: Int64)], limit: Int) async throws -> ChangePage {
        let sealing = sealing
        return try await writer.read { db in
            var page = ChangePage(limit: limit)
            for (bucket, position) in positions {
                let rows = try Row.fetchAll(
                    db,
                    cached: "SELECT seq, state FROM syncRecord WHERE bucket = ? AND seq > ? ORDER BY seq LIMIT ?",
                    arguments: [bucket.rawValue, position, page.room + 1]
                )
                let changes = try rows.map { row in
                    Change(seq: row["seq"], record: try sealing.decodeRecord(from: row["state"]))
                }
                page.add(changes, of: bucket)
            }
            return page
        }
    }

    public func heads(of buckets: [BucketID]) async throws -> [BucketID: BucketHead] {
        try await writer.read { db in
            var heads: [BucketID: BucketHead] = [:]
            for bucket in buckets {
                let row = try Row.fetchOne(
                    db,
                    cached: "SELECT version, horizon FROM syncBucket WHERE bucket = ?",
                    arguments: [bucket.rawValue]
                )
                heads[bucket] = BucketHead(version: row?["version"] ?? 0, horizon: row?["horizon"] ?? 0)
            }
            return heads
        }
    }

    public func purgeTombstones(in bucket: BucketID, before position: Int64) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                cached: "DELETE FROM syncRecord WHERE bucket = ? AND deleted = 1 AND seq < ?",
                arguments: [bucket.rawValue, position]
            )
            let purged = db.changesCount
            try db.execute(
                cached: """
                    INSERT INTO syncBucket (bucket, version, horizon) VALUES (?, 0, ?)
                    ON CONFLICT(bucket) DO UPDATE SET horizon = MAX(horizon, excluded.horizon)
                    """,
                arguments: [bucket.rawValue, position]
            )
            return purged
        }
    }
}
