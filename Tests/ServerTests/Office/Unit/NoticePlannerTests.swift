import Foundation
import Models
import Testing

@testable import Server

/// What the SLA monitor decides to tell a participant, without I/O.
@Suite("Notice planner")
struct NoticePlannerTests {
    let planner = NoticePlanner(policy: .standard, calendar: .indonesia, updateInterval: 86_400)
    let branch = DemoData.bandung
    /// Monday 23 November 2026, 10:00 WIB.
    let monday = Date(timeIntervalSince1970: 1_795_402_800)

    func day(_ n: Double, hour: Double = 10) -> Date { monday.addingTimeInterval(n * 86_400 + (hour - 10) * 3600) }

    func office(
        _ status: ClaimStatus,
        startedAt: Date? = nil,
        statusSince: Date? = nil,
        notices: [ParticipantNotification.Kind: Date] = [:]
    ) -> OfficeClaim {
        let claim = Claim(
            id: Claim.ID(UUID(uuidString: "11111111-2222-4333-8444-555555555555")!),
            participantID: DemoData.people[0].account.participant.id,
            branchID: branch.id,
            reason: .resignation,
            channel: .app,
            status: status,
            createdAt: monday,
            sla: SLAClock(startedAt: startedAt)
        )
        return OfficeClaim(
            claim: claim,
            signatures: .init(),
            participantName: "Siti Rahayu",
            statusSince: statusSince ?? monday,
            notices: notices
        )
    }

    @Test func aClaimOnTrackNeedsNoNotice() {
        #expect(planner.due(for: office(.documentsChecked, startedAt: monday), branch: branch, at: day(3)) == nil)
    }

    @Test func aClaimAtRiskIsAnnouncedOncePerClock() throws {
        let claim = office(.verified, startedAt: monday)
        let due = try #require(planner.due(for: claim, branch: branch, at: day(4)))
        #expect(due.kind == .slaAtRisk)
        #expect(due.cause == "1 working day remains of the 5-working-day limit.")
        #expect(due.sla.estimatedPaymentDate == LocalDate(year: 2026, month: 12, day: 1), "two layers left from Friday")
        let told = office(.verified, startedAt: monday, notices: [.slaAtRisk: day(4)])
        #expect(planner.due(for: told, branch: branch, at: day(4, hour: 15)) == nil)
    }

    @Test func theSameOccasionGivesTheSameNoticeID() throws {
        let claim = office(.verified, startedAt: monday)
        let a = try #require(planner.due(for: claim, branch: branch, at: day(4)))
        let b = try #require(planner.due(for: claim, branch: branch, at: day(4, hour: 16)))
        #expect(a.id == b.id)
        let late = office(.verified, startedAt: monday, notices: [.slaAtRisk: day(4)])
        let update1 = try #require(planner.due(for: late, branch: branch, at: day(8)))
        let update2 = try #require(planner.due(for: late, branch: branch, at: day(8, hour: 12)))
        #expect(update1.kind == .problemUpdate && update1.id == update2.id)
        #expect(update1.id != a.id)
    }

    @Test func aLateClaimIsUpdatedAtTheInterval() throws {
        let late = office(.approved, startedAt: monday, notices: [.slaAtRisk: day(4), .statusChanged: day(7, hour: 11)])
        #expect(planner.due(for: late, branch: branch, at: day(8)) == nil, "the last notice is under a day old")
        let update = try #require(planner.due(for: late, branch: branch, at: day(8, hour: 11)))
        #expect(update.kind == .problemUpdate)
        #expect(update.cause == "It is 1 working day past the 5-working-day limit; we apologise.")
    }

    @Test func aClaimWaitingForTheParticipantIsRemindedButNeverCalledAtRisk() throws {
        let waiting = office(.paymentFailed, startedAt: monday, notices: [.paymentFailed: day(4)])
        #expect(planner.due(for: waiting, branch: branch, at: day(4, hour: 20)) == nil)
        let reminder = try #require(planner.due(for: waiting, branch: branch, at: day(5)))
        #expect(reminder.kind == .problemUpdate)
    }

    @Test func closedClaimsAndDraftsAreLeftAlone() {
        for status in [ClaimStatus.draft, .paid, .rejected, .cancelled] {
            #expect(planner.due(for: office(status, startedAt: monday), branch: branch, at: day(20)) == nil)
        }
    }

    @Test func aClaimAwaitingTheDocumentCheckCountsFromReceipt() throws {
        let received = office(.submitted, statusSince: monday)
        let due = try #require(planner.due(for: received, branch: branch, at: day(4)))
        #expect(due.sla.provisional)
        #expect(due.kind == .slaAtRisk)
    }

    @Test func aZeroIntervalSendsNoUpdates() {
        let planner = NoticePlanner(policy: .standard, calendar: .indonesia, updateInterval: 0)
        let waiting = office(.correctionRequested, notices: [.correctionRequested: monday])
        #expect(planner.due(for: waiting, branch: branch, at: day(30)) == nil)
    }

    @Test func theComposerSaysWhatHappenedWhyAndWhen() {
        var claim = office(.paymentFailed, startedAt: monday).claim
        claim.bankAccount = try? BankAccount(bank: .bni, number: "0987654321", holderName: "Maria")
        claim.problem = "The bank refused the transfer."
        let sla = OfficeSLA(claim: claim, statusSince: day(4), at: day(4), policy: .standard, zone: .wib, calendar: .indonesia)
        let notice = NoticeComposer().notice(
            .paymentFailed,
            .init(claim: claim, branch: branch, sla: sla, cause: PaymentFailureCause.inactiveAccount.explanation),
            id: .init(UUID()),
            at: day(4)
        )
        #expect(notice.title == "Payment failed: give another account")
        #expect(notice.body.contains("BNI ******4321"))
        #expect(notice.body.contains("inactive"))
        #expect(notice.body.contains("Once you do, we expect to pay by Monday 30 November 2026."))
        #expect(notice.estimatedPaymentDate == LocalDate(year: 2026, month: 11, day: 30))
    }
}
