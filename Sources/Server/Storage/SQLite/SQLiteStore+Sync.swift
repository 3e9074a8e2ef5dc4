import Foundation
import GRDB
import Models
import Sync

extension SQLiteStore {
    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    public func snapshot(of bucket: BucketID) async throws -> BucketSnapshot {
        try await writer.read { db in
            let version = try Int64.fetchOne(db, sql: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [bucket.rawValue]) ?? 0
            var records: [RecordKey: SyncRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT state FROM syncRecord WHERE bucket = ?", arguments: [bucket.rawValue])
            while let row = try rows.next() {
                let record = try Self.decoder.decode(SyncRecord.self, from: row["state"] as Data)
                records[record.key] = record
            }
            return BucketSnapshot(bucket: bucket, version: version, records: records)
        }
    }

    public func deviceState(_ deviceID: String) async throws -> DeviceState? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM syncDevice WHERE deviceID = ?", arguments: [deviceID]).map {
                DeviceState(deviceID: deviceID, bucket: BucketID($0["bucket"]), lastCounter: $0["lastCounter"])
            }
        }
    }

    public func results(deviceID: String, counters range: ClosedRange<Int64>) async throws -> [Int64: MutationResult] {
        try await writer.read { db in
            var results: [Int64: MutationResult] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT counter, result FROM syncResult WHERE deviceID = ? AND counter BETWEEN ? AND ?",
                arguments: [deviceID, range.lowerBound, range.upperBound]
            )
            while let row = try rows.next() {
                results[row["counter"]] = try Self.decoder.decode(MutationResult.self, from: row["result"] as Data)
            }
            return results
        }
    }

    public func bucket(of key: RecordKey) async throws -> BucketID? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?", arguments: [key.type, key.id])
                .map(BucketID.init)
        }
    }

    public func keys(_ keys: [RecordKey], ownedOutside bucket: BucketID) async throws -> Set<RecordKey> {
        guard !keys.isEmpty else { return [] }
        return try await writer.read { db in
            var owned: Set<RecordKey> = []
            for key in Set(keys) {
                let other = try String.fetchOne(
                    db,
                    sql: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?",
                    arguments: [key.type, key.id]
                )
                if let other, other != bucket.rawValue { owned.insert(key) }
            }
            return owned
        }
    }

    public func commit(_ commit: BucketCommit) async throws -> CommitOutcome {
        do {
            return try await write(commit)
        } catch CommitAbort.keyOwnedByAnotherBucket {
            return .conflict
        }
    }

    func write(_ commit: BucketCommit, audit: [AuditEntry] = []) async throws -> CommitOutcome {
        try await writer.write { db in try Self.apply(commit, audit: audit, in: db) }
    }

    /// Applies a bucket commit inside the caller's transaction (a push, an office step, or a
    /// booking that changes other tables in the same transaction).
    static func apply(_ commit: BucketCommit, audit: [AuditEntry] = [], in db: Database) throws -> CommitOutcome {
        let version =
            try Int64.fetchOne(db, sql: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [commit.bucket.rawValue]) ?? 0
        guard version == commit.expectedVersion else { return .conflict }
        if let device = commit.device {
            let stored = try Row.fetchOne(
                db,
                sql: "SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = ?",
                arguments: [device.id]
            )
            guard stored?["lastCounter"] as Int64? == device.expectedLastCounter else { return .conflict }
            if let stored, (stored["bucket"] as String) != commit.bucket.rawValue { return .conflict }
            try db.execute(
                sql: """
                    INSERT INTO syncDevice (deviceID, bucket, lastCounter) VALUES (?, ?, ?)
                    ON CONFLICT(deviceID) DO UPDATE SET lastCounter = excluded.lastCounter
                    """,
                arguments: [device.id, commit.bucket.rawValue, device.newLastCounter]
            )
            for result in commit.results {
                try db.execute(
                    sql: "INSERT INTO syncResult (deviceID, counter, result) VALUES (?, ?, ?)",
                    arguments: [device.id, result.counter, try Self.encoder.encode(result)]
                )
            }
        }
        var cursor = try Int64.fetchOne(db, sql: "SELECT value FROM syncSequence WHERE id = 1") ?? 0
        for record in commit.writes {
            let owner = try String.fetchOne(
                db,
                sql: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?",
                arguments: [record.key.type, record.key.id]
            )
            if let owner, owner != commit.bucket.rawValue {
                // Rolls the whole transaction back: nothing of this commit is written.
                throw CommitAbort.keyOwnedByAnotherBucket
            }
            cursor += 1
            try db.execute(
                sql: """
                    INSERT INTO syncRecord (type, id, bucket, seq, deleted, state) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(type, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, state = excluded.state
                    """,
                arguments: [
                    record.key.type, record.key.id, commit.bucket.rawValue, cursor, record.deleted, try Self.encoder.encode(record),
                ]
            )
        }
        if !commit.writes.isEmpty {
            try db.execute(sql: "UPDATE syncSequence SET value = ? WHERE id = 1", arguments: [cursor])
            try db.execute(
                sql: """
                    INSERT INTO syncBucket (bucket, version) VALUES (?, ?)
                    ON CONFLICT(bucket) DO UPDATE SET version = excluded.version
                    """,
                arguments: [commit.bucket.rawValue, cursor]
            )
        }
        try updateOfficeViews(with: commit.writes, audit: audit, in: db)
        return .committed(cursor: cursor)
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
