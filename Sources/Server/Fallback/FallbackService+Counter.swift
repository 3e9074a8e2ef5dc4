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
        let branches = try await branchesByID()
        let at = now()
        let (context, appointment) = try await step(on: ticketID) { [self] context, draft, _ in
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .booked, event: "checkIn")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            guard let claim = context.claim, !claim.status.isFinal else { throw Problem.ticketClaimClosed }
            let today = LocalDate(at, in: zone(of: active, branches: branches))
            guard today == active.date else {
                throw Problem(
                    status: .conflict,
                    code: "appointment.notToday",
                    title: "Not the appointment's day",
                    detail: "This appointment is on \(active.date); check the participant in on that day."
                )
            }
            let ticket = try Self.apply(.checkIn(by: officer.id, at: at), to: context.ticket)
            var appointment = active
            appointment.status = .checkedIn
            try draft.write(context, ticket: ticket, appointment: appointment)
            var updated = context
            updated.ticket = ticket
            return (updated, appointment)
        }
        logger.info("fallback check-in", metadata: ["ticket": "\(ticketID)", "queueNumber": "\(appointment.queueNumber)"])
        return try await entry(context, appointment: appointment)
    }

    /// A CSO of the appointment's branch records the identity check. Verified: the claim
    /// continues in the office workflow from where it was, in the same commit.
    func decide(_ ticketID: FallbackTicket.ID, verified: Bool, reason: String?, by officerID: Officer.ID) async throws -> Decision {
        let officer = try await officer(officerID, requiring: .cso)
        let bucket = try await bucket(of: ticketID)
        guard let participant = bucket.participantID, let account = try await store.account(id: .init(participant)),
            let home = try await store.branch(id: account.participant.branchID)
        else { throw Problem.internalError }
        let at = now()
        let handler = IntentHandler(
            account: account,
            branch: home,
            rules: configuration.rules,
            uploads: configuration.uploads,
            now: at,
            biometric: configuration.biometric
        )
        let (context, appointment, continuation) = try await step(on: ticketID) { [self] context, draft, _ in
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .checkedIn, event: verified ? "verify" : "reject")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            let event: FallbackTicket.Event =
                verified ? .verify(by: officer.id, at: at) : .reject(by: officer.id, reason: reason ?? "", at: at)
            let ticket = try Self.apply(event, to: context.ticket)
            var appointment = active
            appointment.status = .completed
            try draft.write(context, ticket: ticket, appointment: appointment)
            var continuation = Continuation(claim: context.claim, record: nil, problem: nil)
            if verified, let claim = context.claim {
                continuation = try continueClaim(claim, in: &draft, appointment: active, handler: handler)
            }
            var updated = context
            updated.ticket = ticket
            updated.claimRecord = continuation.record ?? context.claimRecord
            return (updated, appointment, continuation)
        }
        logger.info(
            "fallback identity decided",
            metadata: [
                "ticket": "\(ticketID)", "outcome": "\(context.ticket.status.rawValue)",
                "claimStatus": "\(continuation.claim?.status.rawValue ?? "none")",
            ]
        )
        let before = try? context.records[FallbackRecords.claimKey(of: context.ticket.claimID)]?.decode(as: Claim.self)
        return Decision(
            entry: try await entry(context, appointment: appointment),
            claimContinued: continuation.record != nil && continuation.claim?.status != before?.status,
            claimProblem: continuation.problem
        )
    }

    /// A CSO of the appointment's branch marks a booked appointment as missed, once its slot began.
    func markNoShow(_ ticketID: FallbackTicket.ID, by officerID: Officer.ID) async throws -> OfficeEntry {
        let officer = try await officer(officerID, requiring: .cso)
        let at = now()
        let (context, appointment) = try await step(on: ticketID) { context, draft, _ in
            try Self.requireBranch(context, officer)
            let active = try Self.activeAppointment(context, expecting: .booked, event: "missAppointment")
            guard active.branchID == officer.branchID else { throw Problem.otherBranch }
            guard at >= active.startsAt else {
                throw Problem(
                    status: .conflict,
                    code: "appointment.notYet",
                    title: "The appointment has not begun",
                    detail: "A participant can be marked as missing once their slot has begun."
                )
            }
            return try Self.expire(active, in: context, draft: &draft)
        }
        logger.info("fallback appointment missed", metadata: ["ticket": "\(ticketID)", "date": "\(appointment.date)"])
        return try await entry(context, appointment: appointment)
    }

    /// Marks `appointment` missed and its ticket bookable again.
    static func expire(_ appointment: Appointment, in context: Context, draft: inout BucketDraft) throws -> (Context, Appointment) {
        let ticket = try apply(.missAppointment, to: context.ticket)
        var missed = appointment
        missed.status = .noShow
        try draft.write(context, ticket: ticket, appointment: missed)
        var updated = context
        updated.ticket = ticket
        return (updated, missed)
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
