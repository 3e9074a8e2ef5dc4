import Foundation
import Logging
import Models
import PostgresNIO
import Sync

extension PostgresStore {
    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        let logger = logger
        return try await transaction(readOnly: true) { connection in
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
    }

    public func deviceState(_ deviceID: String) async throws -> DeviceState? {
        try await rows("SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = \(deviceID)").first.map { row in
            let (bucket, lastCounter) = try row.decode((String, Int64).self)
            return DeviceState(deviceID: deviceID, bucket: BucketID(bucket), lastCounter: lastCounter)
        }
    }

    public func results(deviceID: String, counters range: ClosedRange<Int64>) async throws -> [Int64: MutationResult] {
        var results: [Int64: MutationResult] = [:]
        let query: PostgresQuery = """
            SELECT counter, result FROM syncResult
            WHERE deviceID = \(deviceID) AND counter BETWEEN \(range.lowerBound) AND \(range.upperBound)
            """
        for row in try await rows(query) {
            let (counter, result) = try row.decode((Int64, Data).self)
            results[counter] = try StoredJSON.decoder.decode(MutationResult.self, from: result)
        }
        return results
    }

    public func bucket(of key: RecordKey) async throws -> BucketID? {
        try await rows("SELECT bucket FROM syncRecord WHERE type = \(key.type) AND id = \(key.id)").first
            .map { BucketID(try $0.decode(String.self)) }
    }

    public func keys(_ keys: [RecordKey], ownedOutside bucket: BucketID) async throws -> Set<RecordKey> {
        guard !keys.isEmpty else { return [] }
        return try Self.recordKeys(try await rows(Self.ownedOutside(bucket, keys)))
    }

    public func commit(_ commit: BucketCommit) async throws -> CommitOutcome {
        try await self.commit(commit, audit: [])
    }

    /// Commits in one transaction; a key of another bucket rolls everything back.
    func write(_ commit: BucketCommit, audit: [AuditEntry]) async throws -> CommitOutcome {
        let logger = logger
        do {
            return try await transaction { connection in try await Self.apply(commit, audit: audit, on: connection, logger: logger) }
        } catch StoreAbort.conflict {
            return .conflict
        }
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

    /// Applies a bucket commit inside the caller's transaction (a push, an office step, or a
    /// booking that changes other tables in the same transaction). A version or counter that
    /// moved returns ``CommitOutcome/conflict`` before anything is written; a key of another
    /// bucket throws ``StoreAbort/conflict`` so the caller's transaction rolls back.
    static func apply(
        _ commit: BucketCommit,
        audit: [AuditEntry] = [],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> CommitOutcome {
        var cursor = try await lockCommits(on: connection, logger: logger)
        let bucket = commit.bucket.rawValue
        let version =
            try await connection.rows("SELECT version FROM syncBucket WHERE bucket = \(bucket)", logger: logger)
            .first?.decode(Int64.self) ?? 0
        guard version == commit.expectedVersion else { return .conflict }
        if let device = commit.device {
            let stored = try await connection.rows(
                "SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = \(device.id)",
                logger: logger
            )
            .first?.decode((String, Int64).self)
            guard stored?.1 == device.expectedLastCounter else { return .conflict }
            if let stored, stored.0 != bucket { return .conflict }
        }
        if !commit.writes.isEmpty,
            try await !connection.rows(ownedOutside(commit.bucket, commit.writes.map(\.key)), logger: logger).isEmpty
        {
            throw StoreAbort.conflict
        }
        if let device = commit.device {
            try await connection.query(
                """
                INSERT INTO syncDevice (deviceID, bucket, lastCounter) VALUES (\(device.id), \(bucket), \(device.newLastCounter))
                ON CONFLICT (deviceID) DO UPDATE SET lastCounter = excluded.lastCounter
                """,
                logger: logger
            )
            for result in commit.results {
                let encoded = try StoredJSON.encoder.encode(result)
                try await connection.query(
                    "INSERT INTO syncResult (deviceID, counter, result) VALUES (\(device.id), \(result.counter), \(encoded))",
                    logger: logger
                )
            }
        }
        for record in commit.writes {
            cursor += 1
            let state = try StoredJSON.encoder.encode(record)
            try await connection.query(
                """
                INSERT INTO syncRecord (type, id, bucket, seq, deleted, state)
                VALUES (\(record.key.type), \(record.key.id), \(bucket), \(cursor), \(record.deleted), \(state))
                ON CONFLICT (type, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, state = excluded.state
                """,
                logger: logger
            )
        }
        if !commit.writes.isEmpty {
            try await connection.query("UPDATE syncSequence SET value = \(cursor) WHERE id = 1", logger: logger)
            try await connection.query(
                """
                INSERT INTO syncBucket (bucket, version) VALUES (\(bucket), \(cursor))
                ON CONFLICT (bucket) DO UPDATE SET version = excluded.version
                """,
                logger: logger
            )
            try await announce(bucket: commit.bucket, cursor: cursor, on: connection, logger: logger)
        }
        try await updateOfficeViews(with: commit.writes, audit: audit, on: connection, logger: logger)
        return .committed(cursor: cursor)
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
