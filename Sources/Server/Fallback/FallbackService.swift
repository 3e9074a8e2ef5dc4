import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Fallback tickets after failed face checks: participants book, reschedule and cancel
/// appointments; officers check participants in, verify identity and mark no-shows; a sweep
/// expires missed appointments.
///
/// Tickets are opened by the biometric-attempt intent inside a push. Every step here is one
/// bucket transaction through the ``BucketWriter``: the ticket and appointment records in the
/// participant's bucket and the global appointment book change together, then the
/// participant's phones are poked and pull the new ticket state, queue number and time.
struct FallbackService: Sendable {
    let store: any Store
    let writer: BucketWriter
    let clock: ServerClock
    let configuration: ServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

    var policy: AppointmentPolicy { configuration.appointments }
    var calendar: WorkingDayCalendar { configuration.calendar }

    /// A ticket with its active appointment.
    struct TicketView: Encodable, Sendable {
        var ticket: FallbackTicket
        var appointment: Appointment?
    }

    /// A ticket as it stands in its participant's bucket.
    struct Context: Sendable {
        var bucket: BucketID
        var records: [RecordKey: SyncRecord]
        var ticket: FallbackTicket
        var claimRecord: SyncRecord?
        /// The appointment the ticket names (booked or checked in).
        var appointment: Appointment?

        var claim: Claim? { try? claimRecord?.decode(as: Claim.self) }
        var view: TicketView { TicketView(ticket: ticket, appointment: appointment) }

        /// The ticket `ticketID` as `records` hold it.
        init(ticket ticketID: FallbackTicket.ID, bucket: BucketID, records: [RecordKey: SyncRecord]) throws {
            guard let record = records[FallbackRecords.key(of: ticketID)], !record.deleted else { throw Problem.ticketNotFound }
            let ticket = try record.decode(as: FallbackTicket.self)
            self.bucket = bucket
            self.records = records
            self.ticket = ticket
            self.claimRecord = records[FallbackRecords.claimKey(of: ticket.claimID)]
            self.appointment = try ticket.appointmentID.flatMap { id in
                try records[FallbackRecords.key(of: id)]?.decode(as: Appointment.self)
            }
        }
    }

    /// The bucket of a ticket. With `participant`, only that participant's own ticket is found:
    /// anybody else's is "not found", so ticket ids reveal nothing.
    func bucket(of ticketID: FallbackTicket.ID, participant: Participant.ID? = nil) async throws -> BucketID {
        guard let bucket = try await store.bucket(of: FallbackRecords.key(of: ticketID)) else { throw Problem.ticketNotFound }
        if let participant, bucket != .participant(participant.rawValue.uuidString) { throw Problem.ticketNotFound }
        return bucket
    }

    /// Loads a ticket as it stands now (a read; steps decide on the state inside their transaction).
    func context(of ticketID: FallbackTicket.ID, participant: Participant.ID? = nil) async throws -> Context {
        let bucket = try await bucket(of: ticketID, participant: participant)
        return try Context(ticket: ticketID, bucket: bucket, records: try await store.snapshot(of: bucket).records)
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

    /// One step on a ticket: `decide` gets the ticket as it stands inside the bucket's
    /// transaction and a draft to write to; what it writes is committed and poked.
    func step<Value: Sendable>(
        on ticketID: FallbackTicket.ID,
        participant: Participant.ID? = nil,
        places: [AppointmentPlace] = [],
        _ decide: @escaping @Sendable (Context, inout BucketDraft, [BucketState.PlaceState]) throws -> Value
    ) async throws -> Value {
        let bucket = try await bucket(of: ticketID, participant: participant)
        return try await writer.write(BucketRequest(bucket: bucket, places: places)) { [clock] state in
            let context = try Context(ticket: ticketID, bucket: bucket, records: state.records)
            var draft = BucketDraft(state, clock: clock)
            let value = try decide(context, &draft, state.places)
            return BucketDecision(draft.changes, value)
        }.value
    }

    /// The time zone an appointment's date is in: the branch's for a visit, WIB for a video call.
    func zone(of appointment: Appointment, branches: [Branch.ID: Branch]) -> IndonesianTimeZone {
        guard appointment.kind == .branchVisit, let branchID = appointment.branchID else { return AppointmentPolicy.videoTimeZone }
        return branches[branchID]?.timeZone ?? .wib
    }

    /// Every branch by id (reference data, read before a step's transaction).
    func branchesByID() async throws -> [Branch.ID: Branch] {
        Dictionary(try await store.branches().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension BucketDraft {
    /// Writes a ticket step: the ticket and its appointment records, and the appointment's new
    /// status in the appointment book.
    mutating func write(_ context: FallbackService.Context, ticket: FallbackTicket, appointment: Appointment) throws {
        try update(from: context.ticket, to: ticket)
        if let old = context.appointment, old.id == appointment.id {
            try update(from: old, to: appointment)
        }
        changes.appointmentStatuses[appointment.id] = appointment.status
    }
}
