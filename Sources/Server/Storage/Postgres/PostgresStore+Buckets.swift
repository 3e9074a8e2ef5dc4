import Foundation
import Logging
import Models
import PostgresNIO
import Sync

// The bucket transaction on PostgreSQL: it takes the bucket's lock first (see
// ``PostgresStore/lockBucket(_:on:logger:)``), then the locks of the days it may book into, so
// the state a decision reads is the newest and stays so until its changes are written.
extension PostgresStore {
    public func transact<Value: Sendable>(
        _ request: BucketRequest,
        _ decide: @escaping @Sendable (BucketState) throws -> BucketDecision<Value>
    ) async throws -> BucketOutcome<Value> {
        let logger = logger
        let sealing = sealing
        do {
            let outcome = try await transaction { connection in
                let version = try await Self.lockBucket(request.bucket, on: connection, logger: logger)
                try await Self.lockDays(of: request.places, on: connection, logger: logger)
                let decision = try decide(try await Self.load(request, sealing: sealing, on: connection, logger: logger))
                let written = try await Self.apply(
                    decision.changes,
                    to: request.bucket,
                    from: version,
                    sealing: sealing,
                    on: connection,
                    logger: logger
                )
                return BucketOutcome(value: decision.value, cursor: written)
            }
            // Announced once committed, outside the transaction (``CommitNotices`` says why).
            if let version = outcome.cursor { notices.committed(bucket: request.bucket, version: version) }
            return outcome
        } catch StoreAbort.conflict {
            throw BucketStoreError.conflict
        } catch let error where Self.isUniqueViolation(error) {
            throw BucketStoreError.conflict
        }
    }

    static func load(
        _ request: BucketRequest,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> BucketState {
        var state: BucketState
        switch request.scope {
        case .bucket:
            let snapshot = try await snapshot(of: request.bucket, sealing: sealing, on: connection, logger: logger)
            state = BucketState(bucket: request.bucket, version: snapshot.version, records: snapshot.records)
            let unknown = Set(request.keys).filter { snapshot.records[$0] == nil }
            if !unknown.isEmpty {
                state.foreignKeys = try recordKeys(try await connection.rows(ownedOutside(request.bucket, Array(unknown)), logger: logger))
            }
        case .keys:
            // The named records and, in the same query, which of them another bucket owns.
            let version =
                try await connection.rows(BucketVersion.self, request.bucket.rawValue, logger: logger).first?.decode(Int64.self) ?? 0
            state = BucketState(bucket: request.bucket, version: version, records: [:])
            if !request.keys.isEmpty {
                for row in try await connection.rows(named(Array(Set(request.keys))), logger: logger) {
                    let (type, id, owner, stored) = try row.decode((String, String, String, Data).self)
                    let key = RecordKey(type: type, id: id)
                    if owner == request.bucket.rawValue {
                        state.records[key] = try sealing.decodeRecord(from: stored)
                    } else {
                        state.foreignKeys.insert(key)
                    }
                }
            }
        }
        if let deviceID = request.deviceID {
            state.device = try await connection.rows(Device.self, deviceID, logger: logger).first.map { row in
                let (owner, lastCounter) = try row.decode((String, Int64).self)
                return DeviceState(deviceID: deviceID, bucket: BucketID(owner), lastCounter: lastCounter)
            }
            if let range = request.storedResults {
                let rows = try await connection.rows(StoredResults.self, deviceID, range.lowerBound, range.upperBound, logger: logger)
                for row in rows {
                    let (counter, result) = try row.decode((Int64, Data).self)
                    state.results[counter] = try sealing.decode(MutationResult.self, from: result, for: .mutationResult)
                }
            }
        }
        for id in request.appointments {
            if let appointment = try await appointment(id, on: connection, logger: logger) { state.appointments[id] = appointment }
        }
        if request.readsAccount, let participant = request.bucket.participantID?.uuidString {
            // The ledger read once: the decision's, and the account's balance.
            let ledger = try await ledger(of: participant, sealing: sealing, on: connection, logger: logger)
            state.ledger = ledger
            state.account = try await connection.rows(AccountByID.self, participant, logger: logger).first
                .map { try account(from: $0, sealing: sealing).withBalance(of: ledger) }
        }
        for place in request.places {
            let last = try await connection.rows(
                """
                SELECT MAX(queueNumber) FROM fallbackAppointment
                WHERE kind = \(place.kind.rawValue) AND branchID = \(place.branchID.rawValue) AND date = \(place.date.description)
                """,
                logger: logger
            ).first?.decode(Int?.self)
            let occupied = try await occupancy(of: place, excluding: nil, on: connection, logger: logger)
            state.places.append(.init(place: place, occupied: occupied, nextQueueNumber: (last ?? 0) + 1))
        }
        return state
    }

    /// Writes a decision's changes inside the transaction; the change-log position after them,
    /// or `nil` when no record was written.
    static func apply(
        _ changes: BucketChanges,
        to bucket: BucketID,
        from version: Int64,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Int64? {
        if let device = changes.deviceCounter {
            let owner = try await connection.rows(Device.self, device.deviceID, logger: logger).first.map {
                try $0.decode((String, Int64).self).0
            }
            if let owner, owner != bucket.rawValue { throw StoreAbort.conflict }
            try await connection.rows(SetDeviceCounter.self, device.deviceID, bucket.rawValue, device.lastCounter, logger: logger)
            for result in changes.results {
                let encoded = try sealing.encode(result, for: .mutationResult)
                try await connection.rows(StoreResult.self, device.deviceID, result.counter, encoded, logger: logger)
            }
        }
        for (id, status) in changes.appointmentStatuses.sorted(by: { $0.key.rawValue.uuidString < $1.key.rawValue.uuidString }) {
            try await setStatus(status, of: id, on: connection, logger: logger)
        }
        for booking in changes.bookings {
            guard try await occupancy(of: booking.place, excluding: nil, on: connection, logger: logger) < booking.place.capacity else {
                throw StoreAbort.conflict
            }
            try await insert(booking.appointment, at: booking.place, on: connection, logger: logger)
        }
        for entry in changes.ledger {
            guard entry.participantID.rawValue == bucket.participantID else { throw StoreAbort.conflict }
            try await insert(try LedgerRow(entry, sealing: sealing), on: connection, logger: logger)
        }
        let written = try await write(changes.writes, to: bucket, from: version, sealing: sealing, on: connection, logger: logger)
        try await updateOfficeViews(with: changes.writes, audit: changes.audit, sealing: sealing, on: connection, logger: logger)
        for upload in changes.retainedUploads {
            try await connection.query(
                "UPDATE upload SET retained = true WHERE id = \(upload.uuidString) AND completedAt IS NOT NULL",
                logger: logger
            )
        }
        if let completed = changes.dataUpdateCompletedAt, let participant = bucket.participantID {
            try await connection.query(
                """
                UPDATE participant SET dataUpdateCompletedAt = \(completed.timeIntervalSince1970)
                WHERE id = \(participant.uuidString) AND dataUpdateCompletedAt IS NULL
                """,
                logger: logger
            )
        }
        return written
    }

    /// Writes records at the next positions of the bucket's change log after `version`; the
    /// bucket's new version, or `nil` when there were none.
    static func write(
        _ records: [SyncRecord],
        to bucket: BucketID,
        from version: Int64,
        sealing: Sealing,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Int64? {
        guard !records.isEmpty else { return nil }
        var version = version
        for record in records {
            version += 1
            let state = sealing.encode(record: record)
            let written = try await connection.rows(
                WriteRecord.self,
                record.key.type,
                record.key.id,
                bucket.rawValue,
                version,
                record.deleted,
                state,
                logger: logger
            )
            // A key another bucket holds: the whole transaction rolls back.
            if written.isEmpty { throw StoreAbort.conflict }
        }
        try await connection.rows(SetBucketVersion.self, version, bucket.rawValue, logger: logger)
        return version
    }
}
