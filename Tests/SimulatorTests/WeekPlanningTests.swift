import Foundation
import Models
import Server
import Testing

@testable import jht_sim

/// The branch week's planning without a server: who comes through which channel, the
/// counter's day under its JHT cap, and the days of a run across Idul Fitri 2026.
@Suite("Branch week planning")
struct WeekPlanningTests {
    @Test func theRunFromSixteenMarchSkipsTheIdulFitriLeave() throws {
        var plan = BranchWeekPlan.standard
        plan.drainDays = 0
        let days = plan.workingDays(calendar: .indonesia).map(\.description)
        #expect(days == ["2026-03-16", "2026-03-17", "2026-03-25", "2026-03-26", "2026-03-27"])
        #expect(BranchWeek.calendarDays(plan) == 12)
        #expect(BranchCounter.isPeak(try LocalDate("2026-03-25"), calendar: .indonesia), "the office reopens after the leave")
        #expect(!BranchCounter.isPeak(try LocalDate("2026-03-17"), calendar: .indonesia))
    }

    @Test func theCounterTakesNoMoreJHTClaimsThanItsCapAndSendsTheRestHome() {
        var counter = BranchCounter()
        var random = SimRandom(seed: 1)
        let plan = BranchWeekPlan.standard
        let peak = counter.day(peak: true, bookedVisits: 30, cap: 100, plan: plan, surge: 1, random: &random)
        #expect(peak.queueNumbers == 300)
        #expect(peak.walkInClaims == 70, "booked visits hold 30 of the 100 places")
        #expect(peak.sentHome == 80)
        let next = counter.day(peak: false, bookedVisits: 0, cap: 100, plan: plan, surge: 1, random: &random)
        #expect((150 + 80...200 + 80).contains(next.queueNumbers), "yesterday's people come back")
        #expect(next.walkInClaims == 100)
        let fresh = next.queueNumbers - 80
        #expect(next.sentHome == Int((Double(fresh) * plan.jhtShareOfQueue).rounded()) + 80 - 100)
        #expect(BranchWeek.share(of: 60, step: 0, of: 10) + (1..<10).map { BranchWeek.share(of: 60, step: $0, of: 10) }.reduce(0, +) == 60)
    }

    @Test func aScaledBranchKeepsItsProportions() {
        let quarter = BranchWeekPlan.standard.scaled(by: 0.25)
        #expect(quarter.appClaimsPerDay == 60 && quarter.lapakAsikPerDay == 10)
        #expect(quarter.queueNumbers == 38...50 && quarter.peakQueueNumbers == 75)
        #expect(quarter.claimsPerOfficerDay == 15 && quarter.officersPerRole == 6)
    }

    @Test func claimantsComeFromTheirChannelsPoolsAndNobodyBothClaimsAndOnlyLooks() {
        var plan = BranchWeekPlan.standard
        plan.days = 3
        plan.appClaimsPerDay = 20
        plan.lapakAsikPerDay = 5
        let days = Array(plan.workingDays(calendar: .indonesia).prefix(plan.days))
        var cast = WeekCast(plan: plan, population: 9_000, arrivalDays: days, seed: 3, calendar: .indonesia)
        let app = cast.draw(.app, count: 40)
        let lapak = cast.draw(.lapakAsik, count: 10)
        let counter = cast.draw(.counter, count: 100)
        #expect(app.count == 40 && lapak.count == 10 && counter.count == 100)
        let claimants = Set((app + lapak + counter).map(\.0.index))
        #expect(claimants.count == 150)
        #expect(claimants.isDisjoint(with: cast.lookers))
        #expect(Set(cast.lookers).count + Set(cast.unused()).count + claimants.count == 9_000)
        let start = plan.start
        let ineligible = (app + lapak + counter).filter { member, _ in
            !ClaimRules.standard.ineligibility(
                for: member.reason,
                participant: member.account.participant,
                membership: member.account.membership,
                history: [],
                on: start
            ).isEmpty
        }
        #expect((1...10).contains(ineligible.count), "a few who cannot claim yet try anyway: \(ineligible.count)")
        #expect(
            lapak.filter { $0.0.account.membership.balance.amount >= 15_000_000 }.count >= 8,
            "Lapak Asik is for balances over the ceiling"
        )
    }
}
