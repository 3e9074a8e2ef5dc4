import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Fallback tickets after failed face checks: participants book, reschedule and cancel
/// appointments; officers check participants in, verify identity and mark no-shows; a sweep
/// expires missed appointments.
///
/// Tickets are opened by the biometric-attempt intent inside a push. Everything here changes
/// the global appointment book (``AppointmentStore``) and the participant's bucket in one
/// transaction, then pokes the participant's phones, which pull the new ticket state, queue
/// number and appointment time.
struct FallbackService: Sendable {
    let store: any Store
    let clock: ServerClock
    let hub: PushHub
    let configuration: ServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

    var policy: AppointmentPolicy { configuration.appointments }
    var calendar: WorkingDayCalendar { configuration.calendar }

    /// How often a step re-reads and retries when the bucket moved under it.
    static let attempts = 5

    /// A ticket with its active appointment.
    struct TicketView: Encodable, Sendable {
        var ticket: FallbackTicket
        var appointment: Appointment?
    }

    /// A ticket as it stands in its participant's bucket.
    struct Context: Sendable {
        var bucket: BucketID
        var snapshot: BucketSnapshot
        var ticket: FallbackTicket
        var claimRecord: SyncRecord?
        /// The appointment the ticket names (booked or checked in).
        var appointment: Appointment?

        var claim: Claim? { try? claimRecord?.decode(as: Claim.self) }
        var view: TicketView { TicketView(ticket: ticket, appointment: appointment) }
    }

    /// Loads a ticket. With `participant`, only that participant's own ticket is found:
    /// anybody else's is "not found", so ticket ids reveal nothing.
    func context(of ticketID: FallbackTicket.ID, participant: Participant.ID? = nil) async throws -> Context {
        let key = FallbackRecords.key(of: ticketID)
        guard let bucket = try await store.bucket(of: key) else { throw Problem.ticketNotFound }
        if let participant, bucket != .participant(participant.rawValue.uuidString) { throw Problem.ticketNotFound }
        let snapshot = try await store.snapshot(of: bucket)
        guard let record = snapshot.records[key], !record.deleted else { throw Problem.ticketNotFound }
        let ticket = try record.decode(as: FallbackTicket.self)
        let appointment = try ticket.appointmentID.flatMap { id in
            try snapshot.records[FallbackRecords.key(of: id)]?.decode(as: Appointment.self)
        }
        return Context(
            bucket: bucket,
            snapshot: snapshot,
            ticket: ticket,
            claimRecord: snapshot.records[FallbackRecords.claimKey(of: ticket.claimID)],
            appointment: appointment
        )
    }

    /// The participant's own tickets, newest first, from their bucket.
    func tickets(of participant: Participant.ID) async throws -> [TicketView] {
        let snapshot = try await store.snapshot(of: .participant(participant.rawValue.uuidString))
        let tickets = snapshot.records.values.filter { $0.key.type == FallbackTicket.syncSchema.type && !$0.deleted }.compactMap {
            try? $0.decode(as: FallbackTicket.self)
        }
        return tickets.sorted { ($0.openedAt, $0.id.rawValue.uuidString) > ($1.openedAt, $1.id.rawValue.uuidString) }.map { ticket in
            TicketView(
                ticket: ticket,
                appointment: ticket.appointmentID.flatMap {
                    try? snapshot.records[FallbackRecords.key(of: $0)]?.decode(as: Appointment.self)
                }
            )
        }
    }

    /// Commits `writes` to the context's bucket with an appointment moving from `from` to `to`.
    /// - Returns: the new cursor, or `nil` when the bucket or the appointment moved (re-read and retry).
    func commit(
        _ writes: [SyncRecord],
        in context: Context,
        moving appointment: Appointment.ID,
        from: Set<Appointment.Status>,
        to: Appointment.Status
    ) async throws -> Int64? {
        let commit = BucketCommit(
            bucket: context.bucket,
            expectedVersion: context.snapshot.version,
            device: nil,
            writes: writes,
            results: []
        )
        guard case .committed(let cursor) = try await store.updateAppointment(appointment, from: from, to: to, commit: commit) else {
            return nil
        }
        hub.publish(bucket: context.bucket, cursor: cursor)
        return cursor
    }

    /// The time zone an appointment's date is in: the branch's for a visit, WIB for a video call.
    func zone(of appointment: Appointment) async throws -> IndonesianTimeZone {
        guard appointment.kind == .branchVisit, let branchID = appointment.branchID else { return AppointmentPolicy.videoTimeZone }
        return try await store.branch(id: branchID)?.timeZone ?? .wib
    }
}
