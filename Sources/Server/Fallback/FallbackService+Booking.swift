import Foundation
import Logging
import Models
import Sync

extension FallbackService {
    /// What a participant asks for.
    struct BookingRequest: Hashable, Sendable {
        var kind: Appointment.Kind
        /// The participant's own branch when `nil`.
        var branchID: Branch.ID?
        var date: LocalDate
        /// Video calls: the slot; the earliest free slot of `date` when `nil`.
        var startsAt: Date?
    }

    /// Where a request may be booked, and what to offer when it is full.
    struct Plan: Sendable {
        var branch: Branch
        var reservation: ReservationRequest
    }

    /// Books (or, with `rescheduling`, moves) the ticket's appointment.
    /// - Returns: the ticket and appointment, and whether this call booked it (`false` when
    ///   the same booking was already made: a retried request changes nothing).
    func book(
        _ request: BookingRequest,
        ticketID: FallbackTicket.ID,
        for participant: Participant.ID,
        rescheduling: Bool
    ) async throws -> (view: TicketView, created: Bool) {
        guard let account = try await store.account(id: participant) else { throw Problem.unauthenticated }
        let branchID = request.branchID ?? account.participant.branchID
        for _ in 1...Self.attempts {
            let context = try await context(of: ticketID, participant: participant)
            guard let claim = context.claim, !claim.status.isFinal else { throw Problem.ticketClaimClosed }
            let ticket = context.ticket
            if let active = context.appointment, ticket.status == .booked, Self.matches(active, request, branchID: branchID) {
                return (context.view, false)
            }
            let replacing: Appointment?
            if rescheduling {
                guard ticket.status == .booked, let active = context.appointment, active.status == .booked else {
                    throw Problem(fallback: .invalidTransition(from: ticket.status, event: "reschedule"))
                }
                replacing = active
            } else {
                if ticket.status == .booked { throw Problem.alreadyBooked }
                guard ticket.isBookable else { throw Problem(fallback: .invalidTransition(from: ticket.status, event: "book")) }
                replacing = nil
            }
            let plan = try await plan(request, branchID: branchID)
            var reservation = plan.reservation
            reservation.replacing = replacing?.id
            let appointmentID = Appointment.ID(UUID())
            let event: FallbackTicket.Event = replacing == nil ? .book(appointmentID) : .reschedule(appointmentID)
            let updated = try Self.apply(event, to: ticket)
            guard let ticketRecord = context.snapshot.records[FallbackRecords.key(of: ticket.id)] else { throw Problem.ticketNotFound }
            let records = FallbackRecords(clock: clock)
            let branch = plan.branch
            let outcome = try await store.reserve(reservation) { [now, policy] place, queueNumber in
                // Inside the booking transaction: bookings are serialized, so `bookedAt`
                // follows queue-number order.
                let window =
                    place.slotStart.map { DateInterval(start: $0, duration: TimeInterval(policy.videoSlotMinutes * 60)) }
                    ?? policy.branchWindow(queueNumber: queueNumber, on: place.date, at: branch)
                let appointment = Appointment(
                    id: appointmentID,
                    ticketID: ticket.id,
                    participantID: participant,
                    kind: place.kind,
                    branchID: place.branchID,
                    date: place.date,
                    startsAt: window.start,
                    endsAt: window.end,
                    queueNumber: queueNumber,
                    status: .booked,
                    bookedAt: now()
                )
                var writes = [try records.update(ticketRecord, from: ticket, to: updated), try records.create(appointment)]
                if let replacing, let old = context.snapshot.records[FallbackRecords.key(of: replacing.id)] {
                    var cancelled = replacing
                    cancelled.status = .cancelled
                    writes.append(try records.update(old, from: replacing, to: cancelled))
                }
                return ReservationRecords(
                    appointment: appointment,
                    commit: BucketCommit(
                        bucket: context.bucket,
                        expectedVersion: context.snapshot.version,
                        device: nil,
                        writes: writes,
                        results: []
                    )
                )
            }
            switch outcome {
            case .booked(let appointment, let cursor):
                hub.publish(bucket: context.bucket, cursor: cursor)
                logger.info(
                    rescheduling ? "fallback appointment rescheduled" : "fallback appointment booked",
                    metadata: [
                        "ticket": "\(ticket.id)", "kind": "\(appointment.kind.rawValue)", "branch": "\(branchID)",
                        "date": "\(appointment.date)", "queueNumber": "\(appointment.queueNumber)",
                    ]
                )
                return (TicketView(ticket: updated, appointment: appointment), true)
            case .full(let next):
                throw Problem.appointmentFull(request.kind, requested: request.date, branch: plan.branch, next: next)
            case .conflict:
                continue
            }
        }
        throw Problem.unavailable
    }

    /// Cancels the ticket's booked appointment; its place is freed and the ticket is open again.
    func cancel(ticketID: FallbackTicket.ID, for participant: Participant.ID) async throws -> TicketView {
        for _ in 1...Self.attempts {
            let context = try await context(of: ticketID, participant: participant)
            guard context.ticket.status == .booked, let active = context.appointment, active.status == .booked else {
                throw Problem(fallback: .invalidTransition(from: context.ticket.status, event: "cancelAppointment"))
            }
            let updated = try Self.apply(.cancelAppointment, to: context.ticket)
            var cancelled = active
            cancelled.status = .cancelled
            let writes = try writes(context, ticket: updated, appointment: cancelled)
            if try await commit(writes, in: context, moving: active.id, from: [.booked], to: .cancelled) != nil {
                logger.info("fallback appointment cancelled", metadata: ["ticket": "\(ticketID)", "date": "\(active.date)"])
                return TicketView(ticket: updated, appointment: nil)
            }
        }
        throw Problem.unavailable
    }

    /// The ticket and appointment records of a step.
    func writes(_ context: Context, ticket: FallbackTicket, appointment: Appointment) throws -> [SyncRecord] {
        let records = FallbackRecords(clock: clock)
        var writes: [SyncRecord] = []
        if let record = context.snapshot.records[FallbackRecords.key(of: ticket.id)] {
            writes.append(try records.update(record, from: context.ticket, to: ticket))
        }
        if let record = context.snapshot.records[FallbackRecords.key(of: appointment.id)], let old = context.appointment {
            writes.append(try records.update(record, from: old, to: appointment))
        }
        return writes
    }
}
