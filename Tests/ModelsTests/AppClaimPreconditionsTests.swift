import Foundation
import Models
import Testing

@Suite("App claim preconditions")
struct AppClaimPreconditionsTests {
    let rules = ClaimRules.standard

    @Test func allThreeTicksMet() {
        let result = rules.appClaimPreconditions(
            participant: Fixtures.participant(dataUpdateDone: true),
            membership: Fixtures.membership(status: .inactive, balance: 14_000_000),
            on: day("2026-01-05")
        )
        #expect(
            result == AppClaimPreconditions(membershipInactive: true, dataUpdateDone: true, balanceWithinCeiling: true, ceiling: 15_000_000)
        )
        #expect(result.allMet)
    }

    @Test func activeMembershipFailsTheFirstTick() {
        let result = rules.appClaimPreconditions(
            participant: Fixtures.participant(),
            membership: Fixtures.membership(status: .active, endOfWork: nil),
            on: day("2026-01-05")
        )
        #expect(!result.membershipInactive)
        #expect(result.dataUpdateDone && result.balanceWithinCeiling)
        #expect(!result.allMet)
    }

    @Test func missingDataUpdateFailsTheSecondTick() {
        let result = rules.appClaimPreconditions(
            participant: Fixtures.participant(dataUpdateDone: false),
            membership: Fixtures.membership(),
            on: day("2026-01-05")
        )
        #expect(!result.dataUpdateDone)
        #expect(result.membershipInactive && result.balanceWithinCeiling)
        #expect(!result.allMet)
    }

    @Test func balanceAtTheCeilingFailsTheThirdTick() {
        let before = rules.appClaimPreconditions(
            participant: Fixtures.participant(),
            membership: Fixtures.membership(balance: 12_000_000),
            on: day("2025-04-30")
        )
        #expect(!before.balanceWithinCeiling)
        #expect(before.ceiling == 10_000_000)
        #expect(!before.allMet)
        let after = rules.appClaimPreconditions(
            participant: Fixtures.participant(),
            membership: Fixtures.membership(balance: 12_000_000),
            on: day("2025-05-01")
        )
        #expect(after.balanceWithinCeiling)
        #expect(after.allMet)
        let atCeiling = rules.appClaimPreconditions(
            participant: Fixtures.participant(),
            membership: Fixtures.membership(balance: 15_000_000),
            on: day("2025-05-01")
        )
        #expect(!atCeiling.balanceWithinCeiling)
    }
}
