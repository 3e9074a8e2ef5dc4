import Foundation
import GRDB
import Models
import Sync

// Fallback appointments: quotas, queue numbers and slots, each change committed with the
// participant's bucket change in one transaction.
extension SQLiteStore {
    public func appointment(id: Appointment.ID) async throws -> Appointment? {
        try await writer.read { db in try Self.appointment(id, in: db) }
    }

    public func appointments(branchID: Branch.ID, on date: LocalDate) async throws -> [Appointment] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM fallbackAppointment WHERE branchID = ? AND date = ? ORDER BY kind, queueNumber",
                arguments: [branchID.rawValue, date.description]
            )
            .map(Self.appointment(from:))
        }
    }

    public func occupancy(of places: [AppointmentPlace]) async throws -> [Int] {
        try await writer.read { db in try places.map { try Self.occupancy(of: $0, excluding: nil, in: db) } }
    }

    public func bookedAppointments(endingBefore date: Date, limit: Int) async throws -> [Appointment] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM fallbackAppointment WHERE status = 'booked' AND endsAt < ? ORDER BY endsAt, id LIMIT ?",
                arguments: [Int64(date.timeIntervalSince1970.rounded(.up)), limit]
            )
            .map(Self.appointment(from:))
        }
    }

    static func occupancy(of place: AppointmentPlace, excluding excluded: Appointment.ID?, in db: Database) throws -> Int {
        let statuses = Appointment.Status.occupying.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var sql = "SELECT COUNT(*) FROM fallbackAppointment WHERE kind = ? AND branchID = ? AND status IN (\(statuses)) AND id != ?"
        var arguments: StatementArguments = [place.kind.rawValue, place.branchID.rawValue, excluded?.rawValue.uuidString ?? ""]
        if let start = place.slotStart {
            sql += " AND startsAt = ?"
            arguments += [Self.seconds(start)]
        } else {
            sql += " AND date = ?"
            arguments += [place.date.description]
        }
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    static func insert(_ appointment: Appointment, at place: AppointmentPlace, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO fallbackAppointment
                  (id, ticketID, participantID, kind, branchID, date, startsAt, endsAt, queueNumber, status, bookedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                appointment.id.rawValue.uuidString, appointment.ticketID.rawValue.uuidString,
                appointment.participantID.rawValue.uuidString, place.kind.rawValue, place.branchID.rawValue, place.date.description,
                seconds(appointment.startsAt), seconds(appointment.endsAt), appointment.queueNumber, appointment.status.rawValue,
                appointment.bookedAt.timeIntervalSince1970,
            ]
        )
    }

    static func setStatus(_ status: Appointment.Status, of id: Appointment.ID, in db: Database) throws {
        try db.execute(sql: "UPDATE fallbackAppointment SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue.uuidString])
    }

    static func appointment(_ id: Appointment.ID, in db: Database) throws -> Appointment? {
        try Row.fetchOne(db, sql: "SELECT * FROM fallbackAppointment WHERE id = ?", arguments: [id.rawValue.uuidString])
            .map(appointment(from:))
    }

    static func appointment(from row: Row) throws -> Appointment {
        guard let id = UUID(uuidString: row["id"]), let ticketID = UUID(uuidString: row["ticketID"]),
            let participantID = UUID(uuidString: row["participantID"]),
            let kind = Appointment.Kind(rawValue: row["kind"]), let status = Appointment.Status(rawValue: row["status"])
        else { throw DatabaseError(message: "unreadable fallbackAppointment row") }
        return Appointment(
            id: .init(id),
            ticketID: .init(ticketID),
            participantID: .init(participantID),
            kind: kind,
            branchID: Branch.ID(row["branchID"] as String),
            date: try LocalDate(row["date"] as String),
            startsAt: Date(timeIntervalSince1970: TimeInterval(row["startsAt"] as Int64)),
            endsAt: Date(timeIntervalSince1970: TimeInterval(row["endsAt"] as Int64)),
            queueNumber: row["queueNumber"],
            status: status,
            bookedAt: Date(timeIntervalSince1970: row["bookedAt"])
        )
    }

    static func seconds(_ date: Date) -> Int64 { date.storedSeconds }
}
