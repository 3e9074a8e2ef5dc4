import Foundation
import Logging
import Models
import PostgresNIO
import Sync

extension PostgresStore {
    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        let logger = logger
        return try await transaction(readOnly: true) { connection in try await Self.snapshot(of: bucket, on: connection, logger: logger) }
    }

    /// The bucket's records and version, inside the caller's transaction.
    static func snapshot(of bucket: BucketID, on connection: PostgresConnection, logger: Logger) async throws -> BucketSnapshot {
        let version =
            try await connection.rows("SELECT version FROM syncBucket WHERE bucket = \(bucket.rawValue)", logger: logger)
            .first?.decode(Int64.self) ?? 0
        var records: [RecordKey: SyncRecord] = [:]
        for row in try await connection.rows("SELECT state FROM syncRecord WHERE bucket = \(bucket.rawValue)", logger: logger) {
            let record = try StoredJSON.decoder.decode(SyncRecord.self, from: try row.decode(Data.self))
            records[record.key] = record
        }
        return BucketSnapshot(bucket: bucket, version: version, records: records)
    }

    public func deviceState(_ deviceID: String) async throws -> DeviceState? {
        try await rows("SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = \(deviceID)").first.map { row in
            let (bucket, lastCounter) = try row.decode((String, Int64).self)
            return DeviceState(deviceID: deviceID, bucket: BucketID(bucket), lastCounter: lastCounter)
        }
    }

    public func bucket(of key: RecordKey) async throws -> BucketID? {
        try await rows("SELECT bucket FROM syncRecord WHERE type = \(key.type) AND id = \(key.id)").first
            .map { BucketID(try $0.decode(String.self)) }
    }

    /// Takes the commit lock: the row of `syncSequence`, locked until the transaction ends.
    ///
    /// Every transaction that writes records, moves a device counter or books a place takes it
    /// first, so such transactions run one at a time, as on SQLite's single writer:
    /// - Sequence numbers follow commit order. A transaction numbers its changes from the value it
    ///   read under the lock and stores the new value before committing; the next one waits for
    ///   that commit and numbers after it. So once a pull has seen cursor N, every change with a
    ///   smaller number is already committed, whichever process made it: no later commit can
    ///   fill a gap below N. (A `SEQUENCE` would hand out numbers at insert time, and a
    ///   transaction that took a smaller number could commit after a pull had passed it.)
    /// - The checks a commit makes (bucket version, device counter, record ownership, a place's
    ///   free room) read what every earlier commit wrote, and nothing changes them until this one
    ///   ends: booking quotas stay exact under any number of concurrent requests.
    ///
    /// A row lock rather than `pg_advisory_xact_lock`: the row is also where the value lives,
    /// and the lock is the table's own, visible in `pg_locks` like any other.
    /// Returns the newest sequence number.
    static func lockCommits(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.rows("SELECT value FROM syncSequence WHERE id = 1 FOR UPDATE", logger: logger).first?.decode(Int64.self) ?? 0
    }

    /// The statement that finds those of `keys` that belong to a bucket other than `bucket`.
    static func ownedOutside(_ bucket: BucketID, _ keys: [RecordKey]) -> PostgresQuery {
        let unique = Array(Set(keys))
        return """
            SELECT r.type, r.id FROM syncRecord r
            JOIN unnest(\(unique.map(\.type))::text[], \(unique.map(\.id))::text[]) AS k(type, id) ON r.type = k.type AND r.id = k.id
            WHERE r.bucket <> \(bucket.rawValue)
            """
    }

    static func recordKeys(_ rows: [PostgresRow]) throws -> Set<RecordKey> {
        Set(
            try rows.map { row in
                let (type, id) = try row.decode((String, String).self)
                return RecordKey(type: type, id: id)
            }
        )
    }

    public func changes(in buckets: [BucketID], after cursor: Int64, limit: Int) async throws -> ChangePage {
        let query: PostgresQuery = """
            SELECT seq, state FROM syncRecord WHERE bucket = ANY(\(buckets.map(\.rawValue))) AND seq > \(cursor)
            ORDER BY seq LIMIT \(limit + 1)
            """
        let found = try await rows(query)
        let changes = try found.prefix(limit).map { row in
            let (seq, state) = try row.decode((Int64, Data).self)
            return Change(seq: seq, record: try StoredJSON.decoder.decode(SyncRecord.self, from: state))
        }
        return ChangePage(changes: changes, hasMore: found.count > limit)
    }

    public func currentCursor() async throws -> Int64 {
        try await rows("SELECT value FROM syncSequence WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    public func latestChange(in buckets: [BucketID]) async throws -> Int64 {
        try await rows("SELECT MAX(version) FROM syncBucket WHERE bucket = ANY(\(buckets.map(\.rawValue)))").first?
            .decode(Int64?.self) ?? 0
    }

    public func retentionHorizon() async throws -> Int64 {
        try await rows("SELECT horizon FROM syncSequence WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    public func purgeTombstones(before cursor: Int64) async throws -> Int {
        let logger = logger
        return try await transaction { connection in
            // The commit lock first, as every commit takes it: a commit rewriting a tombstone
            // and this purge never wait for each other's locks in opposite orders.
            _ = try await Self.lockCommits(on: connection, logger: logger)
            let purged = try await connection.rows("DELETE FROM syncRecord WHERE deleted AND seq < \(cursor) RETURNING seq", logger: logger)
            try await connection.query("UPDATE syncSequence SET horizon = GREATEST(horizon, \(cursor)) WHERE id = 1", logger: logger)
            return purged.count
        }
    }
}

/// Why a transaction of the PostgreSQL store rolled back on purpose.
enum StoreAbort: Error {
    /// The bucket moved, a key belongs to another bucket, or an appointment is no longer in the
    /// expected status: nothing of the transaction is written.
    case conflict
}
