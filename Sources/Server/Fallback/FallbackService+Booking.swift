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
        // A counter check may take a place today: the participant is at the counter with the originals.
        var counterCheck = false
        if request.kind == .branchVisit {
            counterCheck = try await context(of: ticketID, participant: participant).ticket.effectivePurpose == .counterCheck
        }
        let plan = try await plan(request, branchID: branchID, today: counterCheck)
        let requested = plan.reservation.places.count
        let outcome = try await step(
            on: ticketID,
            participant: participant,
            places: plan.reservation.places + plan.reservation.alternatives
        ) { [now, policy] context, draft, places -> (view: TicketView, created: Bool) in
            guard let claim = context.claim, !claim.status.isFinal else { throw Problem.ticketClaimClosed }
            let ticket = context.ticket
            if let active = context.appointment, ticket.status == .booked, Self.matches(active, request, branchID: branchID) {
                return (context.view, false)
            }
            guard ticket.effectivePurpose.appointmentKinds.contains(request.kind) else {
                throw Problem.appointmentKind(ticket.effectivePurpose)
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
            // The appointment a reschedule replaces frees its own place.
            func hasRoom(_ state: BucketState.PlaceState) -> Bool {
                let freed = replacing.map(state.place.isHeld(by:)) == true ? 1 : 0
                return state.occupied - freed < state.place.capacity
            }
            guard let chosen = places.prefix(requested).first(where: hasRoom) else {
                let next = places.dropFirst(requested).first(where: hasRoom)?.place
                throw Problem.appointmentFull(request.kind, requested: request.date, branch: plan.branch, next: next)
            }
            let place = chosen.place
            let appointmentID = Appointment.ID(UUID())
            let event: FallbackTicket.Event = replacing == nil ? .book(appointmentID) : .reschedule(appointmentID)
            let updated = try Self.apply(event, to: ticket)
            let queued =
                place.slotStart.map { DateInterval(start: $0, duration: TimeInterval(policy.videoSlotMinutes * 60)) }
                ?? policy.branchWindow(queueNumber: chosen.nextQueueNumber, on: place.date, at: plan.branch)
            // Booked today after its number's window: the participant is served from now.
            let window = queued.end > now() ? queued : DateInterval(start: now(), duration: queued.duration)
            let appointment = Appointment(
                id: appointmentID,
                ticketID: ticket.id,
                participantID: participant,
                kind: place.kind,
                branchID: place.branchID,
                date: place.date,
                startsAt: window.start,
                endsAt: window.end,
                queueNumber: chosen.nextQueueNumber,
                status: .booked,
                bookedAt: now()
            )
            try draft.update(from: ticket, to: updated)
            try draft.create(appointment)
            draft.changes.bookings.append((appointment, place))
            if let replacing {
                var cancelled = replacing
                cancelled.status = .cancelled
                try draft.update(from: replacing, to: cancelled)
                draft.changes.appointmentStatuses[replacing.id] = .cancelled
            }
            return (TicketView(ticket: updated, appointment: appointment), true)
        }
        if outcome.created, let appointment = outcome.view.appointment {
            logger.info(
                rescheduling ? "fallback appointment rescheduled" : "fallback appointment booked",
                metadata: [
                    "ticket": "\(ticketID)", "kind": "\(appointment.kind.rawValue)", "branch": "\(branchID)",
                    "date": "\(appointment.date)", "queueNumber": "\(appointment.queueNumber)",
                ]
            )
        }
        return outcome
    }

    /// Cancels the ticket's booked appointment; its place is freed and the ticket is open again.
    func cancel(ticketID: FallbackTicket.ID, for participant: Participant.ID) async throws -> TicketView {
        let view = try await step(on: ticketID, participant: participant) { context, draft, _ in
            guard context.ticket.status == .booked, let active = context.appointment, active.status == .booked else {
                throw Problem(fallback: .invalidTransition(from: context.ticket.status, event: "cancelAppointment"))
            }
            let updated = try Self.apply(.cancelAppointment, to: context.ticket)
            var cancelled = active
            cancelled.status = .cancelled
            try draft.write(context, ticket: updated, appointment: cancelled)
            return TicketView(ticket: updated, appointment: nil)
        }
        logger.info("fallback appointment cancelled", metadata: ["ticket": "\(ticketID)"])
        return view
    }
}
