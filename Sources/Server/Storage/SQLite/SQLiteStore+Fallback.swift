import Foundation
import GRDB
import Models
import Sync

// Fallback appointments: quotas, queue numbers and slots, each change committed with the
// participant's bucket change in one transaction.
extension SQLiteStore {
    public func reserve(
        _ request: ReservationRequest,
        recording: @escaping @Sendable (_ place: AppointmentPlace, _ queueNumber: Int) throws -> ReservationRecords
    ) async throws -> ReservationOutcome {
        do {
            return try await writer.write { db -> ReservationOutcome in
                if let replacing = request.replacing {
                    guard try Self.appointment(replacing, in: db)?.status == .booked else { return .conflict }
                }
                func hasRoom(_ place: AppointmentPlace) throws -> Bool {
                    try Self.occupancy(of: place, excluding: request.replacing, in: db) < place.capacity
                }
                guard let place = try request.places.first(where: hasRoom) else {
                    return .full(nextFree: try request.alternatives.first(where: hasRoom))
                }
                if let replacing = request.replacing {
                    try Self.setStatus(.cancelled, of: replacing, in: db)
                }
                let last = try Int.fetchOne(
                    db,
                    sql: "SELECT MAX(queueNumber) FROM fallbackAppointment WHERE kind = ? AND branchID = ? AND date = ?",
                    arguments: [place.kind.rawValue, place.branchID.rawValue, place.date.description]
                )
                let records = try recording(place, (last ?? 0) + 1)
                try Self.insert(records.appointment, at: place, in: db)
                guard case .committed(let cursor) = try Self.apply(records.commit, in: db) else { throw FallbackAbort.conflict }
                return .booked(records.appointment, cursor: cursor)
            }
        } catch FallbackAbort.conflict, CommitAbort.keyOwnedByAnotherBucket {
            return .conflict
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return .conflict
        }
    }

    public func updateAppointment(
        _ id: Appointment.ID,
        from: Set<Appointment.Status>,
        to: Appointment.Status,
        commit: BucketCommit
    ) async throws -> CommitOutcome {
        do {
            return try await writer.write { db -> CommitOutcome in
                guard let current = try Self.appointment(id, in: db), from.contains(current.status) else { return .conflict }
                try Self.setStatus(to, of: id, in: db)
                guard case .committed(let cursor) = try Self.apply(commit, in: db) else { throw FallbackAbort.conflict }
                return .committed(cursor: cursor)
            }
        } catch FallbackAbort.conflict, CommitAbort.keyOwnedByAnotherBucket {
            return .conflict
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return .conflict
        }
    }

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

    enum FallbackAbort: Error {
        /// The bucket moved under the change: roll back everything of the transaction.
        case conflict
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
