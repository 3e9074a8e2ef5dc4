import Foundation
import HTTPTypes
import Logging
import Models
import Sync

extension FallbackService {
    /// What an officer sees of a ticket: the claim as the participant left it, and who to
    /// check against the ID card in hand.
    struct OfficeEntry: Encodable, Sendable {
        struct Person: Encodable, Sendable {
            var id: Participant.ID
            var name: String
            var birthDate: LocalDate
            var nikMasked: String
        }

        var ticket: FallbackTicket
        var appointment: Appointment?
        var claim: Claim?
        var participant: Person
    }

    /// The outcome of an identity decision.
    struct Decision: Encodable, Sendable {
        var entry: OfficeEntry
        var claimContinued: Bool
        var claimProblem: Rejection?
    }

    /// The signed-in officer, with `role` when given.
    func officer(_ id: Officer.ID, requiring role: OfficerRole? = nil) async throws -> Officer {
        guard let officer = try await store.officer(id: id) else { throw Problem.unauthenticated }
        if let role, !officer.roles.contains(role) { throw Problem.csoRequired }
        return officer
    }

    /// The branch's appointments of `date` (today when `nil`), visits then video calls, in queue order.
    func appointments(for officerID: Officer.ID, on date: LocalDate?) async throws -> [OfficeEntry] {
        let officer = try await officer(officerID)
        let zone = try await store.branch(id: officer.branchID)?.timeZone ?? .wib
        let day = date ?? LocalDate(now(), in: zone)
        var entries: [OfficeEntry] = []
        for appointment in try await store.appointments(branchID: officer.branchID, on: day) {
            let context = try await context(of: appointment.ticketID)
            entries.append(try await entry(context, appointment: appointment))
        }
        return entries
    }

    /// A ticket for an officer of the branch it is booked at, or of the claim's branch.
    func officeTicket(_ ticketID: FallbackTicket.ID, for officerID: Officer.ID) async throws -> OfficeEntry {
        let officer = try await officer(officerID)
        let context = try await context(of: ticketID)
        try Self.requireBranch(context, officer)
        return try await entry(context, appointment: context.appointment)
    }

    /// Refused (403) unless the officer works at the branch of the ticket's appointment or of its
    /// claim: checked before anything about the ticket's state is said.
    static func requireBranch(_ context: Context, _ officer: Officer) throws(Problem) {
        guard context.appointment?.branchID == officer.branchID || context.claim?.branchID == officer.branchID else {
            throw Problem.otherBranch
        }
    }

    /// A CSO of the appointment's branch checks the participant in, on the appointment's day.
    func checkIn(_ ticketID: FallbackTicket.ID, by officerID: Officer.ID) async throws -> OfficeEntry {
        let officer = try await officer(officerID, requiring: .cso)
        for _ in 1...Self.attempts {
            let context = try await context(of: ticketID)
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .booked, event: "checkIn")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            guard let claim = context.claim, !claim.status.isFinal else { throw Problem.ticketClaimClosed }
            let now = now()
            let today = LocalDate(now, in: try await zone(of: active))
            guard today == active.date else {
                throw Problem(
                    status: .conflict,
                    code: "appointment.notToday",
                    title: "Not the appointment's day",
                    detail: "This appointment is on \(active.date); check the participant in on that day."
                )
            }
            let ticket = try Self.apply(.checkIn(by: officer.id, at: now), to: context.ticket)
            var appointment = active
            appointment.status = .checkedIn
            let writes = try writes(context, ticket: ticket, appointment: appointment)
            guard try await commit(writes, in: context, moving: active.id, from: [.booked], to: .checkedIn) != nil else { continue }
            logger.info("fallback check-in", metadata: ["ticket": "\(ticketID)", "queueNumber": "\(active.queueNumber)"])
            var updated = context
            updated.ticket = ticket
            return try await entry(updated, appointment: appointment)
        }
        throw Problem.unavailable
    }

    /// A CSO of the appointment's branch records the identity check. Verified: the claim
    /// continues in the office workflow from where it was, in the same commit.
    func decide(_ ticketID: FallbackTicket.ID, verified: Bool, reason: String?, by officerID: Officer.ID) async throws -> Decision {
        let officer = try await officer(officerID, requiring: .cso)
        for _ in 1...Self.attempts {
            let context = try await context(of: ticketID)
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .checkedIn, event: verified ? "verify" : "reject")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            let now = now()
            let event: FallbackTicket.Event =
                verified ? .verify(by: officer.id, at: now) : .reject(by: officer.id, reason: reason ?? "", at: now)
            let ticket = try Self.apply(event, to: context.ticket)
            var appointment = active
            appointment.status = .completed
            var writes = try writes(context, ticket: ticket, appointment: appointment)
            var continuation = Continuation(claim: context.claim, record: nil, problem: nil)
            if verified, let claimRecord = context.claimRecord, let claim = context.claim {
                var records = context.snapshot.records
                for write in writes { records[write.key] = write }
                continuation = try await continueClaim(claim, record: claimRecord, records: records, appointment: active)
                if let record = continuation.record { writes.append(record) }
            }
            guard try await commit(writes, in: context, moving: active.id, from: [.checkedIn], to: .completed) != nil else { continue }
            logger.info(
                "fallback identity decided",
                metadata: [
                    "ticket": "\(ticketID)", "outcome": "\(ticket.status.rawValue)",
                    "claimStatus": "\(continuation.claim?.status.rawValue ?? "none")",
                ]
            )
            var updated = context
            updated.ticket = ticket
            updated.claimRecord = continuation.record ?? context.claimRecord
            return Decision(
                entry: try await entry(updated, appointment: appointment),
                claimContinued: continuation.record != nil && continuation.claim?.status != context.claim?.status,
                claimProblem: continuation.problem
            )
        }
        throw Problem.unavailable
    }

    /// A CSO of the appointment's branch marks a booked appointment as missed, once its slot began.
    func markNoShow(_ ticketID: FallbackTicket.ID, by officerID: Officer.ID) async throws -> OfficeEntry {
        let officer = try await officer(officerID, requiring: .cso)
        for _ in 1...Self.attempts {
            let context = try await context(of: ticketID)
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .booked, event: "missAppointment")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            guard now() >= active.startsAt else {
                throw Problem(
                    status: .conflict,
                    code: "appointment.notYet",
                    title: "The appointment has not begun",
                    detail: "A participant can be marked as missing once their slot has begun."
                )
            }
            if let entry = try await expire(active, in: context) { return entry }
        }
        throw Problem.unavailable
    }

    /// Marks `appointment` missed and its ticket bookable again. `nil` when the bucket or the
    /// appointment moved (re-read and retry).
    func expire(_ appointment: Appointment, in context: Context) async throws -> OfficeEntry? {
        let ticket = try Self.apply(.missAppointment, to: context.ticket)
        var missed = appointment
        missed.status = .noShow
        let writes = try writes(context, ticket: ticket, appointment: missed)
        guard try await commit(writes, in: context, moving: appointment.id, from: [.booked], to: .noShow) != nil else { return nil }
        logger.info("fallback appointment missed", metadata: ["ticket": "\(ticket.id)", "date": "\(appointment.date)"])
        var updated = context
        updated.ticket = ticket
        return try await entry(updated, appointment: missed)
    }

    /// The ticket's active appointment, which must be in `status`.
    static func activeAppointment(_ context: Context, expecting status: Appointment.Status, event: String) throws(Problem) -> Appointment {
        guard let active = context.appointment, active.status == status else {
            throw Problem(fallback: .invalidTransition(from: context.ticket.status, event: event))
        }
        return active
    }

    func entry(_ context: Context, appointment: Appointment?) async throws -> OfficeEntry {
        guard let account = try await store.account(id: context.ticket.participantID) else { throw Problem.ticketNotFound }
        let participant = account.participant
        return OfficeEntry(
            ticket: context.ticket,
            appointment: appointment,
            claim: context.claim,
            participant: .init(
                id: participant.id,
                name: participant.name,
                birthDate: participant.birthDate,
                nikMasked: participant.nik.masked
            )
        )
    }
}
