import Foundation
import Logging
import Models
import PostgresNIO
import Sync

// Fallback appointments: quotas, queue numbers and slots, each change committed with the
// participant's bucket change in one transaction. Each such transaction takes the commit lock
// (``PostgresStore/lockCommits(on:logger:)``) before it counts a place's bookings, so two
// bookings never both see the last free place.
extension PostgresStore {
    public func reserve(
        _ request: ReservationRequest,
        recording: @escaping @Sendable (_ place: AppointmentPlace, _ queueNumber: Int) throws -> ReservationRecords
    ) async throws -> ReservationOutcome {
        let logger = logger
        return try await resolvingConflicts {
            try await transaction { connection -> ReservationOutcome in
                _ = try await Self.lockCommits(on: connection, logger: logger)
                if let replacing = request.replacing {
                    guard try await Self.appointment(replacing, on: connection, logger: logger)?.status == .booked else { return .conflict }
                }
                func firstWithRoom(_ places: [AppointmentPlace]) async throws -> AppointmentPlace? {
                    for place in places {
                        let held = try await Self.occupancy(of: place, excluding: request.replacing, on: connection, logger: logger)
                        if held < place.capacity { return place }
                    }
                    return nil
                }
                guard let place = try await firstWithRoom(request.places) else {
                    return .full(nextFree: try await firstWithRoom(request.alternatives))
                }
                if let replacing = request.replacing {
                    try await Self.setStatus(.cancelled, of: replacing, on: connection, logger: logger)
                }
                let last = try await connection.rows(
                    """
                    SELECT MAX(queueNumber) FROM fallbackAppointment
                    WHERE kind = \(place.kind.rawValue) AND branchID = \(place.branchID.rawValue) AND date = \(place.date.description)
                    """,
                    logger: logger
                ).first?.decode(Int?.self)
                let records = try recording(place, (last ?? 0) + 1)
                try await Self.insert(records.appointment, at: place, on: connection, logger: logger)
                guard case .committed(let cursor) = try await Self.apply(records.commit, on: connection, logger: logger) else {
                    throw StoreAbort.conflict
                }
                return .booked(records.appointment, cursor: cursor)
            }
        } onConflict: {
            .conflict
        }
    }

    public func updateAppointment(
        _ id: Appointment.ID,
        from: Set<Appointment.Status>,
        to: Appointment.Status,
        commit: BucketCommit
    ) async throws -> CommitOutcome {
        let logger = logger
        return try await resolvingConflicts {
            try await transaction { connection -> CommitOutcome in
                _ = try await Self.lockCommits(on: connection, logger: logger)
                guard let current = try await Self.appointment(id, on: connection, logger: logger), from.contains(current.status) else {
                    return .conflict
                }
                try await Self.setStatus(to, of: id, on: connection, logger: logger)
                guard case .committed(let cursor) = try await Self.apply(commit, on: connection, logger: logger) else {
                    throw StoreAbort.conflict
                }
                return .committed(cursor: cursor)
            }
        } onConflict: {
            .conflict
        }
    }

    public func appointment(id: Appointment.ID) async throws -> Appointment? {
        try await rows("\(unescaped: Self.appointmentColumns) WHERE id = \(id.rawValue.uuidString)").first.map(Self.appointment(from:))
    }

    public func appointments(branchID: Branch.ID, on date: LocalDate) async throws -> [Appointment] {
        try await rows(
            """
            \(unescaped: Self.appointmentColumns) WHERE branchID = \(branchID.rawValue) AND date = \(date.description)
            ORDER BY kind, queueNumber
            """
        ).map(Self.appointment(from:))
    }

    public func occupancy(of places: [AppointmentPlace]) async throws -> [Int] {
        let logger = logger
        return try await transaction(readOnly: true) { connection in
            var counts: [Int] = []
            for place in places { counts.append(try await Self.occupancy(of: place, excluding: nil, on: connection, logger: logger)) }
            return counts
        }
    }

    public func bookedAppointments(endingBefore date: Date, limit: Int) async throws -> [Appointment] {
        try await rows(
            """
            \(unescaped: Self.appointmentColumns) WHERE status = 'booked' AND endsAt < \(Int64(date.timeIntervalSince1970.rounded(.up)))
            ORDER BY endsAt, id LIMIT \(limit)
            """
        ).map(Self.appointment(from:))
    }

    /// Runs `body`; a deliberate rollback or a concurrent insert that won a unique key is a
    /// conflict the caller retries, not a failure.
    func resolvingConflicts<T>(_ body: () async throws -> T, onConflict: () -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreAbort.conflict {
            return onConflict()
        } catch let error where Self.isUniqueViolation(error) {
            return onConflict()
        }
    }

    static func occupancy(
        of place: AppointmentPlace,
        excluding excluded: Appointment.ID?,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Int {
        let statuses = Appointment.Status.occupying.map(\.rawValue)
        let excludedID = excluded?.rawValue.uuidString ?? ""
        let query: PostgresQuery
        if let start = place.slotStart {
            query = """
                SELECT COUNT(*) FROM fallbackAppointment WHERE kind = \(place.kind.rawValue) AND branchID = \(place.branchID.rawValue)
                  AND status = ANY(\(statuses)) AND id <> \(excludedID) AND startsAt = \(start.storedSeconds)
                """
        } else {
            query = """
                SELECT COUNT(*) FROM fallbackAppointment WHERE kind = \(place.kind.rawValue) AND branchID = \(place.branchID.rawValue)
                  AND status = ANY(\(statuses)) AND id <> \(excludedID) AND date = \(place.date.description)
                """
        }
        return try await connection.rows(query, logger: logger).first?.decode(Int.self) ?? 0
    }

    static func insert(
        _ appointment: Appointment,
        at place: AppointmentPlace,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO fallbackAppointment
              (id, ticketID, participantID, kind, branchID, date, startsAt, endsAt, queueNumber, status, bookedAt)
            VALUES (\(appointment.id.rawValue.uuidString), \(appointment.ticketID.rawValue.uuidString),
              \(appointment.participantID.rawValue.uuidString), \(place.kind.rawValue), \(place.branchID.rawValue),
              \(place.date.description), \(appointment.startsAt.storedSeconds), \(appointment.endsAt.storedSeconds),
              \(appointment.queueNumber), \(appointment.status.rawValue), \(appointment.bookedAt.timeIntervalSince1970))
            """,
            logger: logger
        )
    }

    static func setStatus(
        _ status: Appointment.Status,
        of id: Appointment.ID,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        try await connection.query(
            "UPDATE fallbackAppointment SET status = \(status.rawValue) WHERE id = \(id.rawValue.uuidString)",
            logger: logger
        )
    }

    static func appointment(_ id: Appointment.ID, on connection: PostgresConnection, logger: Logger) async throws -> Appointment? {
        try await connection.rows("\(unescaped: appointmentColumns) WHERE id = \(id.rawValue.uuidString)", logger: logger).first
            .map(appointment(from:))
    }

    static let appointmentColumns = """
        SELECT id, ticketID, participantID, kind, branchID, date, startsAt, endsAt, queueNumber, status, bookedAt
        FROM fallbackAppointment
        """

    static func appointment(from row: PostgresRow) throws -> Appointment {
        let (id, ticketID, participantID, kind, branchID, date, startsAt, endsAt, queueNumber, status, bookedAt) = try row.decode(
            (String, String, String, String, String, String, Int64, Int64, Int, String, Double).self
        )
        return Appointment(
            id: .init(try StoredValue.uuid(id)),
            ticketID: .init(try StoredValue.uuid(ticketID)),
            participantID: .init(try StoredValue.uuid(participantID)),
            kind: try StoredValue.decode(Appointment.Kind.self, kind),
            branchID: Branch.ID(branchID),
            date: try LocalDate(date),
            startsAt: Date(timeIntervalSince1970: TimeInterval(startsAt)),
            endsAt: Date(timeIntervalSince1970: TimeInterval(endsAt)),
            queueNumber: queueNumber,
            status: try StoredValue.decode(Appointment.Status.self, status),
            bookedAt: Date(timeIntervalSince1970: bookedAt)
        )
    }
}
