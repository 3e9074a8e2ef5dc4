import Foundation
import Models
import Testing

@Suite("Eligibility")
struct EligibilityTests {
    let rules = ClaimRules.standard
    /// Born 10 May 1970 (from the fixture NIK).
    let participant = Fixtures.participant()

    @Test func participantBirthDateComesFromTheNIK() {
        #expect(participant.birthDate == day("1970-05-10"))
        #expect(participant.sex == .male)
    }

    @Test(arguments: [
        ("2026-05-09", [IneligibilityReason.belowRetirementAge(age: 55, required: 56)]),
        ("2026-05-10", []),
        ("2030-01-01", []),
    ])
    func retirementOpensAtFiftySix(date: String, expected: [IneligibilityReason]) {
        let membership = Fixtures.membership(status: .active, endOfWork: nil)
        #expect(
            rules.ineligibility(for: .retirement, participant: participant, membership: membership, history: [], on: day(date)) == expected
        )
    }

    @Test func retirementAgeIsConfiguration() {
        let rules = ClaimRules(retirementAge: 58)
        #expect(
            rules.ineligibility(
                for: .retirement,
                participant: participant,
                membership: Fixtures.membership(),
                history: [],
                on: day("2027-01-01")
            )
                == [.belowRetirementAge(age: 56, required: 58)]
        )
    }

    @Test(arguments: [ClaimReason.resignation, .termination])
    func resignationAndTerminationNeedInactiveMembership(reason: ClaimReason) {
        let active = Fixtures.membership(status: .active, endOfWork: nil)
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: active, history: [], on: day("2026-06-01")) == [
                .membershipStillActive
            ]
        )
        let unreported = Fixtures.membership(status: .inactive, endOfWork: nil)
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: unreported, history: [], on: day("2026-06-01")) == [
                .endOfWorkNotReported
            ]
        )
    }

    @Test(arguments: [
        // (end of work, claim date, expected)
        ("2026-01-31", "2026-02-27", [IneligibilityReason.waitingPeriod(until: day("2026-02-28"))]),
        ("2026-01-31", "2026-02-28", []),
        ("2026-03-15", "2026-04-14", [.waitingPeriod(until: day("2026-04-15"))]),
        ("2026-03-15", "2026-04-15", []),
        ("2026-03-15", "2026-03-15", [.waitingPeriod(until: day("2026-04-15"))]),
        ("2025-12-20", "2026-01-20", []),
    ])
    func oneMonthOfWaitingAfterTheEndOfWork(end: String, date: String, expected: [IneligibilityReason]) {
        let membership = Fixtures.membership(status: .inactive, endOfWork: day(end))
        for reason in [ClaimReason.resignation, .termination] {
            #expect(
                rules.ineligibility(for: reason, participant: participant, membership: membership, history: [], on: day(date)) == expected
            )
        }
    }

    @Test func waitingPeriodIsConfiguration() {
        let rules = ClaimRules(waitingPeriodMonths: 3)
        let membership = Fixtures.membership(status: .inactive, endOfWork: day("2026-01-31"))
        #expect(
            rules.ineligibility(for: .resignation, participant: participant, membership: membership, history: [], on: day("2026-03-01"))
                == [.waitingPeriod(until: day("2026-04-30"))]
        )
    }

    @Test func contractEndNeedsInactiveMembershipButNoWaiting() {
        let on = day("2026-02-01")
        let active = Fixtures.membership(status: .active, endOfWork: nil)
        #expect(
            rules.ineligibility(for: .contractEnded, participant: participant, membership: active, history: [], on: on) == [
                .membershipStillActive
            ]
        )
        let unreported = Fixtures.membership(status: .inactive, endOfWork: nil)
        #expect(
            rules.ineligibility(for: .contractEnded, participant: participant, membership: unreported, history: [], on: on) == [
                .endOfWorkNotReported
            ]
        )
        let ended = Fixtures.membership(status: .inactive, endOfWork: day("2026-01-31"))
        #expect(rules.ineligibility(for: .contractEnded, participant: participant, membership: ended, history: [], on: on).isEmpty)
    }

    @Test(arguments: [ClaimReason.leavingIndonesia, .permanentDisability, .death])
    func reasonsProvenByDocumentsAreNotCheckedHere(reason: ClaimReason) {
        let active = Fixtures.membership(status: .active, memberSince: day("2025-01-01"), endOfWork: nil)
        #expect(rules.ineligibility(for: reason, participant: participant, membership: active, history: [], on: day("2026-01-01")).isEmpty)
    }

    @Test(arguments: [ClaimReason.partial10, .partial30])
    func partialClaimsAfterTenYearsWhileEmployedOnce(reason: ClaimReason) {
        let member = Fixtures.membership(status: .active, memberSince: day("2016-03-01"), endOfWork: nil)
        #expect(rules.ineligibility(for: reason, participant: participant, membership: member, history: [], on: day("2026-03-01")).isEmpty)
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: member, history: [], on: day("2026-02-28"))
                == [.partialNeedsMembershipYears(has: 9, required: 10)]
        )

        let inactive = Fixtures.membership(status: .inactive, memberSince: day("2010-01-01"))
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: inactive, history: [], on: day("2026-03-01")) == [
                .partialNeedsActiveMembership
            ]
        )

        let taken = Fixtures.membership(status: .active, memberSince: day("2010-01-01"), endOfWork: nil, partialTaken: true)
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: taken, history: [], on: day("2026-03-01")) == [
                .partialAlreadyTaken
            ]
        )

        let everything = Fixtures.membership(status: .inactive, memberSince: day("2020-01-01"), partialTaken: true)
        #expect(
            rules.ineligibility(for: reason, participant: participant, membership: everything, history: [], on: day("2026-03-01"))
                == [.partialNeedsMembershipYears(has: 6, required: 10), .partialNeedsActiveMembership, .partialAlreadyTaken]
        )
    }

    @Test func membershipYearsNeverNegative() {
        let member = Fixtures.membership(memberSince: day("2027-01-01"))
        #expect(member.yearsOfMembership(on: day("2026-01-01")) == 0)
        #expect(Fixtures.membership(memberSince: day("2016-03-01")).yearsOfMembership(on: day("2026-03-01")) == 10)
    }

    @Test func reasonsHaveStableDistinctCodesAndMessages() {
        let reasons: [IneligibilityReason] = [
            .belowRetirementAge(age: 50, required: 56), .membershipStillActive, .waitingPeriod(until: day("2026-04-15")),
            .endOfWorkNotReported, .partialNeedsMembershipYears(has: 6, required: 10), .partialNeedsActiveMembership,
            .partialAlreadyTaken,
        ]
        #expect(
            reasons.map(\.code) == [
                "eligibility.age", "eligibility.membershipActive", "eligibility.waitingPeriod", "eligibility.endOfWorkNotReported",
                "eligibility.partialYears", "eligibility.partialNeedsActiveMembership", "eligibility.partialTaken",
            ]
        )
        #expect(reasons.allSatisfy { !$0.message.isEmpty })
        #expect(IneligibilityReason.waitingPeriod(until: day("2026-04-15")).message.contains("2026-04-15"))
        #expect(IneligibilityReason.belowRetirementAge(age: 50, required: 56).message.contains("56"))
    }

    @Test func reasonsArePartialOrFull() {
        #expect(ClaimReason.allCases.filter(\.isPartial) == [.partial10, .partial30])
        #expect(ClaimReason.partial10.payoutPercent == 10)
        #expect(ClaimReason.partial30.payoutPercent == 30)
        #expect(ClaimReason.allCases.filter { !$0.isPartial }.allSatisfy { $0.payoutPercent == 100 })
    }
}
