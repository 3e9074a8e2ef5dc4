import Foundation
import Models
import PhoneSync
import Server
import Sync

/// One member who claims during a branch week, on their own phone(s): they file on their
/// arrival day (in the app, through Lapak Asik, or at the branch counter), then open the app
/// once a day to see where the claim is, answering a correction or a failed payment a few
/// working days later, rebooking a missed appointment, and answering the survey once paid.
/// Driven by one task at a time.
final class WeekClaimant: @unchecked Sendable {
    /// How the member reaches the branch.
    enum Arrival: String, Codable, Sendable {
        /// The app (balance under the online ceiling).
        case app
        /// Lapak Asik: online submission and a video interview (balance over the ceiling).
        case lapakAsik
        /// A walk-in at the branch counter, filing on the spot.
        case counter
    }

    var journey: ParticipantJourney
    let arrival: Arrival
    /// The hour (WIB) the person opens the app each day.
    let lookHour: Int
    /// Whether the claim is final (paid, rejected, refused at submit) or the journey failed.
    var done = false
    /// The day the person gets round to answering the open problem.
    var answerOn: LocalDate?
    /// The claim's status as the phone last showed it.
    var lastStatus: ClaimStatus?

    init(member: DemoPopulation.Member, arrival: Arrival, context: RunContext) {
        self.arrival = arrival
        self.lookHour = 8 + member.index % 9
        var journey = ParticipantJourney(member: member, context: context)
        if arrival == .counter { journey.preferredChannel = .branch }
        self.journey = journey
    }

    var claimID: UUID { journey.claimID }
    var context: RunContext { journey.context }

    /// Files the claim; a submitted claim counts as received today by its channel.
    func arrive(on day: LocalDate, ledger: WeekLedger) async {
        await guarded {
            guard try await journey.file() else {
                ledger.day(day) { $0.refused += 1 }
                done = true
                return
            }
            guard let claim = try journey.main.client.store.localModel(Claim.self, id: claimID.uuidString) else { return }
            lastStatus = claim.status
            if claim.status == .draft {
                ledger.day(day) { $0.fallbackTickets += 1 }
            } else {
                ledger.received(claim.channel, on: day)
                if arrival != .app { try await identityCheck(ledger: ledger) }
            }
        }
    }

    /// The person opens the app: every phone syncs, the claim's state is read and acted on.
    func look(on day: LocalDate, plan: BranchWeekPlan, calendar: WorkingDayCalendar) async {
        guard !done, !journey.phones.isEmpty else { return }
        await guarded {
            for phone in journey.phones {
                if phone.network.isOffline { try phone.comeOnline() }
                try await phone.sync()
            }
            guard let claim = try journey.main.client.store.localModel(Claim.self, id: claimID.uuidString) else { return }
            try await rebookIfMissed()
            if claim.status == .draft { return }
            if claim.status.waitsForParticipant {
                if lastStatus != claim.status || answerOn == nil {
                    answerOn = calendar.addingWorkingDays(journey.random.int(plan.answerDays), to: day)
                }
            } else {
                answerOn = nil
            }
            lastStatus = claim.status
            let answering = answerOn.map { day >= $0 } ?? true
            if try await journey.respond(to: claim, answering: answering) { done = true }
            if answering, claim.status.waitsForParticipant { answerOn = nil }
            if let phone = journey.random.pick(journey.phones) { try await journey.maybeFault(phone) }
        }
    }

    /// An appointment that was missed (expired by the no-show sweep) is booked again: a
    /// fallback visit or call for a draft, the interview or counter check a submitted claim waits for.
    func rebookIfMissed() async throws {
        guard let ticket = try identityTicket(), ticket.isBookable else { return }
        context.metrics.fallback { $0.rebooked += 1 }
        try await journey.bookFallback(Self.appointmentKind(for: ticket))
    }

    /// Checks every phone against the server at the end of the run.
    func finish() async -> [RecordKey: SyncRecord] {
        var records: [RecordKey: SyncRecord] = [:]
        await guarded { records = try await journey.finish() }
        if journey.outcome == "unfinished" || journey.outcome.hasPrefix("waiting"),
            let claim = records[journey.claimKey].flatMap({ try? $0.decode(as: Claim.self) })
        {
            journey.outcome =
                claim.status == .draft
                ? journey.outcome : claim.status.isFinal ? claim.status.rawValue : "still open: \(claim.status.rawValue)"
        }
        journey.context.metrics.journeyEnded(journey.outcome)
        for phone in journey.phones { phone.close() }
        return records
    }

    /// Runs a step of the journey; an error ends it and is reported.
    func guarded(_ step: () async throws -> Void) async {
        do {
            try await step()
        } catch {
            journey.outcome = "error: \(ParticipantJourney.describe(error))"
            journey.metrics.divergence("participant \(journey.member.index): journey failed: \(ParticipantJourney.describe(error))")
            done = true
        }
    }
}
