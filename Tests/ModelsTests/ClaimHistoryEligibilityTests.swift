import Foundation
import Models
import Testing

/// Claim history is an input of eligibility: one claim in the office at a time, an episode paid
/// once, a partial claim once, nothing from an empty balance.
@Suite("Eligibility from claim history")
struct ClaimHistoryEligibilityTests {
    let rules = ClaimRules.standard
    let participant = Fixtures.participant()
    let today = day("2026-03-01")
    let resigned = Fixtures.membership(status: .inactive, endOfWork: day("2026-01-31"))
    let employed = Fixtures.membership(status: .active, memberSince: day("2010-01-01"), endOfWork: nil)

    func claim(_ reason: ClaimReason, _ status: ClaimStatus, endOfWork: LocalDate? = nil) -> Claim {
        Claim(
            id: .init(UUID()),
            participantID: participant.id,
            branchID: "BDG-SUCI",
            reason: reason,
            channel: .app,
            status: status,
            createdAt: Date(timeIntervalSince1970: 1_780_000_000),
            endOfWork: endOfWork
        )
    }

    /// (what the participant has filed before, the reason asked for now, the expected refusals)
    static let cases: [(String, [(ClaimReason, ClaimStatus, String?)], ClaimReason, [IneligibilityReason])] = [
        ("nothing before", [], .resignation, []),
        ("a draft does not count", [(.resignation, .draft, nil)], .resignation, []),
        ("a rejected claim does not count", [(.resignation, .rejected, "2026-01-31")], .resignation, []),
        ("a cancelled claim does not count", [(.resignation, .cancelled, "2026-01-31")], .resignation, []),
        ("one in the office blocks another", [(.resignation, .submitted, "2026-01-31")], .resignation, [.claimInOffice]),
        (
            "at any stage", [(.resignation, .approved, "2026-01-31")], .retirement,
            [.claimInOffice, .belowRetirementAge(age: 55, required: 56)]
        ),
        ("a failed payment is still in the office", [(.resignation, .paymentFailed, "2026-01-31")], .resignation, [.claimInOffice]),
        ("a correction is still in the office", [(.resignation, .correctionRequested, "2026-01-31")], .resignation, [.claimInOffice]),
        ("the same episode is paid once", [(.resignation, .paid, "2026-01-31")], .resignation, [.episodeAlreadyPaid]),
        ("another end of work is another episode", [(.resignation, .paid, "2024-05-31")], .resignation, []),
        ("another reason is another episode", [(.contractEnded, .paid, "2026-01-31")], .resignation, []),
    ]

    @Test(arguments: cases.indices)
    func historyDecides(_ index: Int) {
        let (name, earlier, reason, expected) = Self.cases[index]
        let history = earlier.map { claim($0.0, $0.1, endOfWork: $0.2.map(day)) }
        let found = rules.ineligibility(for: reason, participant: participant, membership: resigned, history: history, on: today)
        #expect(Set(found) == Set(expected), "\(name)")
    }

    @Test func theClaimBeingDecidedDoesNotCountAgainstItself() {
        let submitting = claim(.resignation, .submitted, endOfWork: day("2026-01-31"))
        let found = rules.ineligibility(
            for: .resignation,
            participant: participant,
            membership: resigned,
            history: [submitting],
            excluding: submitting.id,
            on: today
        )
        #expect(found.isEmpty)
    }

    @Test(arguments: [ClaimReason.partial10, .partial30])
    func aPartialClaimIsTakenOnceWhateverItsShare(_ reason: ClaimReason) {
        let paid = [claim(.partial10, .paid)]
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: employed, history: paid, on: today) == [
                .partialAlreadyTaken
            ]
        )
        #expect(rules.ineligibility(for: reason, participant: participant, membership: employed, history: [], on: today).isEmpty)
        #expect(
            rules.ineligibility(
                for: reason,
                participant: participant,
                membership: employed,
                history: [claim(.partial30, .rejected)],
                on: today
            )
            .isEmpty
        )
    }

    @Test func anEmptyBalanceHasNothingToClaim() {
        var empty = resigned
        empty.balance = .zero
        #expect(
            rules.ineligibility(for: .resignation, participant: participant, membership: empty, history: [], on: today) == [.nothingToClaim]
        )
    }

    @Test func theEpisodeOfAClaimIsItsReasonAndEndOfWork() {
        #expect(ClaimEpisode.endOfWork(for: .resignation, membership: resigned) == day("2026-01-31"))
        #expect(ClaimEpisode.endOfWork(for: .retirement, membership: resigned) == nil)
        #expect(ClaimEpisode.endOfWork(for: .partial10, membership: employed) == nil)
        #expect(
            ClaimStatus.allCases.filter(\.isInOffice) == [
                .submitted, .documentsChecked, .verified, .approved, .correctionRequested, .paymentFailed,
            ]
        )
    }
}
