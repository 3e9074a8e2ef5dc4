import Foundation
import Logging
import Models
import PostgresNIO
import Sync

extension PostgresStore {
    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        let logger = logger
        let sealing = sealing
        return try await transaction(readOnly: true) { connection in
            try await Self.snapshot(of: bucket, sealing: sealing, on: connection, logger: logger)
        }
    }

    /// The bucket's records and version, inside the caller's transaction.
    static func snapshot(
        of bucket: BucketID,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> BucketSnapshot {
        let version = try await connection.rows(BucketVersion.self, bucket.rawValue, logger: logger).first?.decode(Int64.self) ?? 0
        var records: [RecordKey: SyncRecord] = [:]
        for row in try await connection.rows(BucketRecords.self, bucket.rawValue, logger: logger) {
            let record = try sealing.decodeRecord(from: try row.decode(Data.self))
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

    /// Takes the bucket's lock: its row of `syncBucket` (created at version 0 the first time),
    /// held until the transaction ends. Returns the bucket's version.
    ///
    /// Every transaction that writes a bucket (records, its devices' counters, its appointments)
    /// takes it first, so the commits of one bucket run one at a time and commits of different
    /// buckets never wait for each other:
    /// - Positions follow commit order within the bucket. A transaction numbers its changes from
    ///   the version it read under the lock and stores the new version before committing; the
    ///   next one waits for that commit and numbers after it. So once a pull has seen position N
    ///   of a bucket, every change of that bucket with a smaller position is committed: no later
    ///   commit can fill a gap below N. (A `SEQUENCE` would hand out numbers at insert time, and a
    ///   transaction that took a smaller number could commit after a pull had passed it.)
    /// - What a decision reads of the bucket (records, device counters) cannot change before its
    ///   changes are written.
    static func lockBucket(_ bucket: BucketID, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.rows(CreateBucket.self, bucket.rawValue, logger: logger)
        return try await connection.rows(LockBucket.self, bucket.rawValue, logger: logger).first?.decode(Int64.self) ?? 0
    }

    /// Takes the locks of the days `places` book into, in one order (kind, branch, date), so two
    /// bookings never both see the last free place and never wait for each other in a circle.
    static func lockDays(of places: [AppointmentPlace], on connection: PostgresConnection, logger: Logger) async throws {
        let days = Set(places.map { [$0.kind.rawValue, $0.branchID.rawValue, $0.date.description] }).sorted {
            $0.lexicographicallyPrecedes($1)
        }
        for day in days {
            try await connection.query(
                """
                INSERT INTO appointmentDay (kind, branchID, date) VALUES (\(day[0]), \(day[1]), \(day[2]))
                ON CONFLICT (kind, branchID, date) DO NOTHING
                """,
                logger: logger
            )
            try await connection.query(
                "SELECT 1 FROM appointmentDay WHERE kind = \(day[0]) AND branchID = \(day[1]) AND date = \(day[2]) FOR UPDATE",
                logger: logger
            )
        }
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

    /// The records `keys` names, whichever bucket owns them: type, id, bucket and state.
    static func named(_ keys: [RecordKey]) -> PostgresQuery {
        """
        SELECT r.type, r.id, r.bucket, r.state FROM syncRecord r
        JOIN unnest(\(keys.map(\.type))::text[], \(keys.map(\.id))::text[]) AS k(type, id) ON r.type = k.type AND r.id = k.id
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

    public func changes(after positions: [(bucket: BucketID, position: Int64)], limit: Int) async throws -> ChangePage {
        let logger = logger
        let sealing = sealing
        return try await transaction(readOnly: true) { connection in
            var page = ChangePage(limit: limit)
            for (bucket, position) in positions {
                let rows = try await connection.rows(ChangesAfter.self, bucket.rawValue, position, Int64(page.room + 1), logger: logger)
                var changes: [Change] = []
                for row in rows {
                    let (seq, state) = try row.decode((Int64, Data).self)
                    changes.append(Change(seq: seq, record: try sealing.decodeRecord(from: state)))
                }
                page.add(changes, of: bucket)
            }
            return page
        }
    }

    public func heads(of buckets: [BucketID]) async throws -> [BucketID: BucketHead] {
        var heads = Dictionary(uniqueKeysWithValues: buckets.map { ($0, BucketHead(version: 0, horizon: 0)) })
        for row in try await rows(BucketHeads.self, buckets.map(\.rawValue)) {
            let (bucket, version, horizon) = try row.decode((String, Int64, Int64).self)
            heads[BucketID(bucket)] = BucketHead(version: version, horizon: horizon)
        }
        return heads
    }

    public func purgeTombstones(in bucket: BucketID, before position: Int64) async throws -> Int {
        let logger = logger
        return try await transaction { connection in
            // The bucket's lock first, as its commits take it: a commit rewriting a tombstone and
            // this purge never wait for each other's locks in opposite orders.
            _ = try await Self.lockBucket(bucket, on: connection, logger: logger)
            let purged = try await connection.rows(
                "DELETE FROM syncRecord WHERE bucket = \(bucket.rawValue) AND deleted AND seq < \(position) RETURNING seq",
                logger: logger
            )
            try await connection.query(
                "UPDATE syncBucket SET horizon = GREATEST(horizon, \(position)) WHERE bucket = \(bucket.rawValue)",
                logger: logger
            )
            return purged.count
        }
    }
}

/// Why a transaction of the PostgreSQL store rolled back on purpose.
enum StoreAbort: Error {
    /// A key or device belongs to another bucket, or a place filled up: nothing of the
    /// transaction is written.
    case conflict
}
