import Foundation
import GRDB
import Models
import Sync

// The bucket transaction: SQLite's single writer runs one at a time, so the state a decision
// reads is the newest and stays so until its changes are written.
extension SQLiteStore {
    public func transact<Value: Sendable>(
        _ request: BucketRequest,
        _ decide: @escaping @Sendable (BucketState) throws -> BucketDecision<Value>
    ) async throws -> BucketOutcome<Value> {
        let sealing = sealing
        do {
            return try await writer.write { db in
                let decision = try decide(try Self.load(request, sealing: sealing, in: db))
                let cursor = try Self.apply(decision.changes, to: request.bucket, sealing: sealing, in: db)
                return BucketOutcome(value: decision.value, cursor: cursor)
            }
        } catch CommitAbort.keyOwnedByAnotherBucket {
            throw BucketStoreError.conflict
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw BucketStoreError.conflict
        }
    }

    static func load(_ request: BucketRequest, sealing: Sealing, in db: Database) throws -> BucketState {
        let bucket = request.bucket.rawValue
        var state: BucketState
        switch request.scope {
        case .bucket:
            let snapshot = try snapshot(of: request.bucket, sealing: sealing, in: db)
            state = BucketState(bucket: request.bucket, version: snapshot.version, records: snapshot.records)
            for key in Set(request.keys) where snapshot.records[key] == nil {
                let owner = try String.fetchOne(
                    db,
                    cached: "SELECT bucket FROM syncRecord WHERE type = ? AND id = ?",
                    arguments: [key.type, key.id]
                )
                if let owner, owner != bucket { state.foreignKeys.insert(key) }
            }
        case .keys:
            let version = try Int64.fetchOne(db, cached: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [bucket]) ?? 0
            state = BucketState(bucket: request.bucket, version: version, records: [:])
            for key in Set(request.keys) {
                let row = try Row.fetchOne(
                    db,
                    cached: "SELECT bucket, state FROM syncRecord WHERE type = ? AND id = ?",
                    arguments: [key.type, key.id]
                )
                guard let row else { continue }
                if row["bucket"] as String == bucket {
                    state.records[key] = try sealing.decodeRecord(from: row["state"])
                } else {
                    state.foreignKeys.insert(key)
                }
            }
        }
        if let deviceID = request.deviceID {
            state.device = try Row.fetchOne(
                db,
                cached: "SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = ?",
                arguments: [deviceID]
            )
            .map { DeviceState(deviceID: deviceID, bucket: BucketID($0["bucket"]), lastCounter: $0["lastCounter"]) }
            if let range = request.storedResults {
                let stored = try Row.fetchCursor(
                    db,
                    cached: "SELECT counter, result FROM syncResult WHERE deviceID = ? AND counter BETWEEN ? AND ?",
                    arguments: [deviceID, range.lowerBound, range.upperBound]
                )
                while let row = try stored.next() {
                    state.results[row["counter"]] = try sealing.decode(MutationResult.self, from: row["result"], for: .mutationResult)
                }
            }
        }
        for id in request.appointments {
            if let appointment = try appointment(id, in: db) { state.appointments[id] = appointment }
        }
        if request.readsAccount, let participant = request.bucket.participantID?.uuidString {
            // The ledger read once: the decision's, and the account's balance.
            let ledger = try ledger(of: participant, sealing: sealing, in: db)
            state.ledger = ledger
            state.account = try Row.fetchOne(db, cached: "SELECT * FROM participant WHERE id = ?", arguments: [participant])
                .map { try account(from: $0, sealing: sealing).withBalance(of: ledger) }
        }
        state.places = try request.places.map { place in
            let last = try Int.fetchOne(
                db,
                cached: "SELECT MAX(queueNumber) FROM fallbackAppointment WHERE kind = ? AND branchID = ? AND date = ?",
                arguments: [place.kind.rawValue, place.branchID.rawValue, place.date.description]
            )
            return BucketState.PlaceState(
                place: place,
                occupied: try occupancy(of: place, excluding: nil, in: db),
                nextQueueNumber: (last ?? 0) + 1
            )
        }
        return state
    }

    /// Writes a decision's changes inside the transaction; the change-log position after them,
    /// or `nil` when no record was written.
    static func apply(_ changes: BucketChanges, to bucket: BucketID, sealing: Sealing, in db: Database) throws -> Int64? {
        if let device = changes.deviceCounter {
            let owner = try String.fetchOne(db, cached: "SELECT bucket FROM syncDevice WHERE deviceID = ?", arguments: [device.deviceID])
            if let owner, owner != bucket.rawValue { throw CommitAbort.keyOwnedByAnotherBucket }
            try db.execute(
                cached: """
                    INSERT INTO syncDevice (deviceID, bucket, lastCounter) VALUES (?, ?, ?)
                    ON CONFLICT(deviceID) DO UPDATE SET lastCounter = excluded.lastCounter
                    """,
                arguments: [device.deviceID, bucket.rawValue, device.lastCounter]
            )
            for result in changes.results {
                try db.execute(
                    cached: "INSERT INTO syncResult (deviceID, counter, result) VALUES (?, ?, ?)",
                    arguments: [device.deviceID, result.counter, try sealing.encode(result, for: .mutationResult)]
                )
            }
        }
        for (id, status) in changes.appointmentStatuses.sorted(by: { $0.key.rawValue.uuidString < $1.key.rawValue.uuidString }) {
            try setStatus(status, of: id, in: db)
        }
        for booking in changes.bookings {
            guard try occupancy(of: booking.place, excluding: nil, in: db) < booking.place.capacity else {
                throw BucketStoreError.conflict
            }
            try insert(booking.appointment, at: booking.place, in: db)
        }
        for entry in changes.ledger {
            guard entry.participantID.rawValue == bucket.participantID else { throw CommitAbort.keyOwnedByAnotherBucket }
            try insert(try LedgerRow(entry, sealing: sealing), in: db)
        }
        let cursor = try write(changes.writes, to: bucket, sealing: sealing, in: db)
        try updateOfficeViews(with: changes.writes, audit: changes.audit, sealing: sealing, in: db)
        for upload in changes.retainedUploads {
            try db.execute(
                cached: "UPDATE upload SET retained = 1 WHERE id = ? AND completedAt IS NOT NULL",
                arguments: [upload.uuidString]
            )
        }
        if let completed = changes.dataUpdateCompletedAt, let participant = bucket.participantID {
            try db.execute(
                cached: "UPDATE participant SET dataUpdateCompletedAt = ? WHERE id = ? AND dataUpdateCompletedAt IS NULL",
                arguments: [completed.timeIntervalSince1970, participant.uuidString]
            )
        }
        return cursor
    }

    /// Writes records at the next positions of the bucket's change log; the bucket's new
    /// version, or `nil` when there were none.
    static func write(_ records: [SyncRecord], to bucket: BucketID, sealing: Sealing, in db: Database) throws -> Int64? {
        guard !records.isEmpty else { return nil }
        var version = try Int64.fetchOne(db, cached: "SELECT version FROM syncBucket WHERE bucket = ?", arguments: [bucket.rawValue]) ?? 0
        for record in records {
            version += 1
            try db.execute(
                cached: """
                    INSERT INTO syncRecord (type, id, bucket, seq, deleted, state) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(type, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, state = excluded.state
                    WHERE syncRecord.bucket = excluded.bucket
                    """,
                arguments: [
                    record.key.type, record.key.id, bucket.rawValue, version, record.deleted, sealing.encode(record: record),
                ]
            )
            // Record ids are global: a key another bucket holds rolls the whole transaction back.
            if db.changesCount == 0 { throw CommitAbort.keyOwnedByAnotherBucket }
        }
        try db.execute(
            cached: """
                INSERT INTO syncBucket (bucket, version, horizon) VALUES (?, ?, 0)
                ON CONFLICT(bucket) DO UPDATE SET version = excluded.version
                """,
            arguments: [bucket.rawValue, version]
        )
        return version
    }
}
