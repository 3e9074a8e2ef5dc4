import Foundation
import Logging
import Models
import PostgresNIO
import Sync

// Fallback appointments: quotas, queue numbers and slots. Bookings and status changes are
// written by bucket transactions (PostgresStore+Buckets.swift), which take the commit lock
// (``PostgresStore/lockCommits(on:logger:)``) before they count a place's bookings, so two
// bookings never both see the last free place.
extension PostgresStore {
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
