import Foundation
import Models
import Server
import Testing

@testable import jht_sim

/// A small branch week on the service's simulated clock (the server in process): with too
/// few officers claims miss the SLA and participants are told why and when they will be paid;
/// with enough officers nobody waits past the due date; every participant verified in person
/// after failed face checks has their claim go on without filling anything in again; Lapak
/// Asik and counter claims are verified once their interview or counter check took place.
@Suite("Branch week on a simulated clock", .serialized)
struct BranchWeekTests {
    /// Three working days of arrivals from Monday 16 March 2026 (Idul Fitri leave from the
    /// 18th), then six working days of office work; 8,000 members (one in twenty looks at their
    /// balance), a few dozen claims a day.
    static func plan(officers: Int) -> BranchWeekPlan {
        var plan = BranchWeekPlan.standard
        plan.days = 3
        plan.drainDays = 6
        plan.officersPerRole = officers
        plan.claimsPerOfficerDay = 4
        plan.appClaimsPerDay = 10
        plan.lapakAsikPerDay = 3
        plan.queueNumbers = 8...12
        plan.peakQueueNumbers = 14
        plan.answerDays = 1...1
        plan.noShowRate = 0.3
        plan.memberLookShare = 0.05
        return plan
    }

    static func run(officers: Int) async throws -> RunResults {
        var settings = Scenario.branchWeek.settings
        settings.population = 8_000  // Lapak Asik balances (over the ceiling) start at member 7,500
        settings.concurrency = 24
        settings.faceFailureRate = 0.35
        settings.correctionRate = 0.05
        let plan = plan(officers: officers)
        let server = try await SelfHostedServer.start(
            population: settings.population,
            simulatedClockStart: WeekClock.instant(plan.start, hour: 6)
        )
        do {
            var run = SimulationRun(scenario: .branchWeek, settings: settings, seed: 14, baseURL: server.url, showProgress: false)
            run.week = plan
            run.serviceClock = server.clock
            let results = try await run.run()
            await server.stop()
            return results
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func tooFewOfficersMissTheSLAAndSayWhyAndWhenEnoughMissNothing() async throws {
        let short = try await Self.run(officers: 1)
        let report = ReportText.render(short, plotsFolder: nil)
        let week = try #require(short.week)
        #expect(short.passed, "\(report)")
        #expect(week.days.first?.date == (try LocalDate("2026-03-16")))
        #expect(week.days.contains { $0.dayOff != nil && $0.date == (try! LocalDate("2026-03-20")) }, "the run crosses Idul Fitri leave")
        #expect(week.days.reduce(0) { $0 + $1.receivedTotal } > 30, "\(report)")
        #expect(Set(week.days.flatMap(\.received.keys)).isSuperset(of: ["app", "lapakAsik", "branch"]), "every channel: \(report)")
        #expect(week.claimsPastSLA > 0, "one officer per role cannot keep up: \(report)")
        #expect(week.days.contains { $0.breached > 0 }, "\(report)")
        let notices = week.days.flatMap(\.notices).filter { $0.kind == "slaAtRisk" }
        #expect(!notices.isEmpty, "\(report)")
        #expect(notices.allSatisfy { $0.cause.contains("working-day limit") && $0.estimatedPaymentDate != nil }, "\(notices)")
        #expect(week.dueDatesChecked > 0 && week.dueDateProblems.isEmpty, "\(week.dueDateProblems)")
        #expect(week.fallbackVerified > 0 && week.fallbackNotContinued.isEmpty, "\(report)")
        #expect(week.days.contains { $0.appointmentsMissed > 0 } && week.days.contains { $0.appointmentsKept > 0 }, "\(report)")
        #expect(week.membersLooked > 300 && week.memberProblems.isEmpty, "\(report)")
        #expect(week.openPastDue > 0 && week.claimsPastSLA == week.paidLate + week.openPastDue, "\(report)")
        let fromReceipt = try #require(week.medianWorkingDaysFromReceipt, "\(report)")
        #expect(fromReceipt > (week.medianWorkingDaysToPayment ?? 0), "the wait is in front of the CSO, before the SLA clock: \(report)")
        let kpis = try #require(week.kpis, "the staff page's KPIs for the week")
        #expect(kpis.submitted > 30 && kpis.paid == week.paidClaims && kpis.sla.late == week.paidLate, "\(report)")
        #expect(short.requests["office 4xx", default: 0] == 0, "officers verify only claims whose identity is established: \(report)")

        let enough = try await Self.run(officers: 6)
        let enoughReport = ReportText.render(enough, plotsFolder: nil)
        let calm = try #require(enough.week)
        #expect(enough.passed, "\(enoughReport)")
        #expect(calm.claimsPastSLA == 0, "\(enoughReport)")
        #expect(calm.days.allSatisfy { $0.breached == 0 }, "\(enoughReport)")
        #expect(calm.days.flatMap(\.notices).filter { $0.kind == "slaAtRisk" }.isEmpty, "\(enoughReport)")
        #expect(calm.paidClaims > week.paidClaims, "\(enoughReport)")
        #expect(calm.fallbackVerified > 0 && calm.fallbackNotContinued.isEmpty, "\(enoughReport)")
        // Lapak Asik interviews and counter checks happen on their day (a missed one is booked
        // again); a verified participant's claim is paid, one the officer could not verify is
        // rejected with the reason, and no officer step is refused meanwhile.
        var missed = 0
        for purpose in [FallbackTicket.Purpose.videoInterview, .counterCheck] {
            let checks = try #require(calm.identityChecks[purpose.rawValue], "\(purpose): \(enoughReport)")
            #expect(checks.kept > 0 && checks.verified > 0 && checks.claimsPaid > 0, "\(purpose): \(enoughReport)")
            #expect(checks.open == 0 && checks.claimsRejected == checks.notVerified, "\(purpose): \(enoughReport)")
            missed += checks.missed
        }
        #expect(missed > 0, "missed interviews and counter checks were booked again: \(enoughReport)")
        #expect(enough.requests["office 4xx", default: 0] == 0, "\(enoughReport)")
        #expect(enough.requests["fallback office 4xx", default: 0] == 0, "\(enoughReport)")
    }
}
