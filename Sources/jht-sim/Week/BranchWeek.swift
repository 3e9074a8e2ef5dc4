import Foundation
import Models
import Server
import Sync
import Synchronization

/// A branch week (`--scenario branch-week`): the Bandung Suci branch on the service's
/// simulated clock, hour by hour through every calendar day of the run. Each working hour
/// people arrive (app, Lapak Asik, the counter's walk-ins), claimants open the app, members
/// look at their balance, the appointment desk serves the fallback visits and video calls
/// that have begun, and every officer takes their share of the day's capacity. Each evening
/// the worklists are read (in the office by stage, at risk, past due); at the end every phone
/// is checked against the server and the week is reported as a branch head reads it.
struct BranchWeek {
    let plan: BranchWeekPlan
    let context: RunContext
    let clock: WeekClock
    let progress: ProgressBar
    let calendar = WorkingDayCalendar.indonesia

    /// Working hours (WIB) of the office's day: each is one step.
    static let hours = Array(7...16)
    /// The hours walk-ins arrive: the demo branch's counter is open 08:00-15:00 (`Branch`).
    static let counterHours = Array(8...14)
    /// Hours of a day off on which people still file and look (and the monitor runs).
    static let dayOffHours = [10, 15]

    func run() async throws -> WeekReport {
        let wallStart = Date()
        let ledger = WeekLedger(calendar: calendar)
        let workingDays = plan.workingDays(calendar: calendar)
        let arrivalDays = Array(workingDays.prefix(plan.days))
        guard let last = workingDays.last, let lastArrival = arrivalDays.last else {
            throw SimulatorError("A branch week needs at least one working day (--days).")
        }
        try await clock.advance(to: WeekClock.instant(plan.start, hour: 7))
        var team = try await OfficeTeam.signIn(perRole: plan.officersPerRole, context: context, ledger: ledger, clock: clock)
        var desk = FallbackDesk(employeeNumber: "1001", context: context)
        desk.onVerified = { claim, channel, refusal in
            ledger.fallbackVerified(claim: claim, refusal: refusal)
            if let channel { ledger.received(channel, on: LocalDate(clock.now(), in: .wib)) }
        }
        var cast = WeekCast(
            plan: plan,
            population: context.settings.population,
            arrivalDays: arrivalDays,
            seed: context.seed,
            calendar: calendar
        )
        var counter = BranchCounter()
        var random = SimRandom(seed: context.seed, stream: 14_000)
        var claimants: [WeekClaimant] = []
        let lookSteps = arrivalDays.count * Self.hours.count
        var lookers = cast.lookers.prefix(Self.looking(cast.lookers.count, share: plan.memberLookShare))
        let looksPerStep = lookSteps > 0 ? (lookers.count + lookSteps - 1) / lookSteps : 0
        var memberProblems: [String] = []
        var looked = 0

        var day = plan.start
        var dayIndex = 0
        while day <= last {
            let working = calendar.isWorkingDay(day)
            var arrivals: [(WeekClaimant, Int)] = []
            let hours = working ? Self.hours : Self.dayOffHours
            if day <= lastArrival {
                let factor = working ? (day == arrivalDays.first ? plan.surge : 1) : plan.dayOffShare
                var people = cast.draw(.app, count: Int((Double(plan.appClaimsPerDay) * factor).rounded()))
                people += cast.draw(.lapakAsik, count: Int((Double(plan.lapakAsikPerDay) * factor).rounded()))
                if working {
                    let booked = try await desk.bookedVisits(on: day)
                    let today = counter.day(
                        peak: BranchCounter.isPeak(day, calendar: calendar),
                        bookedVisits: booked,
                        cap: BranchWeekPlan.dailyJHTCap,
                        plan: plan,
                        surge: day == arrivalDays.first ? plan.surge : 1,
                        random: &random
                    )
                    people += cast.draw(.counter, count: today.walkInClaims)
                    ledger.day(day) { figures in
                        figures.queueNumbers = today.queueNumbers
                        figures.counterClaims = today.walkInClaims
                        figures.sentHome = today.sentHome
                    }
                }
                for (member, arrival) in people {
                    let claimant = WeekClaimant(member: member, arrival: arrival, context: context)
                    claimants.append(claimant)
                    let open = arrival == .counter ? Self.counterHours : hours
                    arrivals.append((claimant, open[random.int(0..<open.count)]))
                }
            }
            for hour in hours {
                try await clock.advance(to: WeekClock.instant(day, hour: hour))
                let now = day
                let arriving = arrivals.filter { $0.1 == hour }.map(\.0)
                let looking = claimants.filter { claimant in
                    !claimant.done && !arriving.contains { $0 === claimant } && Self.looks(claimant, at: hour, working: working)
                }
                let members: [DemoPopulation.Member] =
                    working && day <= lastArrival ? lookers.prefix(looksPerStep).map { DemoPopulation.member($0) } : []
                lookers = lookers.dropFirst(members.count)
                let plan = plan
                let calendar = calendar
                let context = context
                let problems = await Concurrently.run(
                    arriving.count + looking.count + members.count,
                    limit: context.settings.concurrency
                ) { index -> String? in
                    if index < arriving.count {
                        await arriving[index].arrive(on: now, ledger: ledger)
                    } else if index < arriving.count + looking.count {
                        await looking[index - arriving.count].look(on: now, plan: plan, calendar: calendar)
                    } else {
                        return await MemberLook.look(members[index - arriving.count - looking.count], context: context)
                    }
                    return nil
                }
                looked += members.count
                memberProblems += problems.compactMap { $0 }
                if working {
                    try await desk.serveDue(at: clock.now(), noShowRate: plan.noShowRate)
                    try await team.work(
                        capacity: Self.share(of: plan.claimsPerOfficerDay, step: hour - Self.hours[0], of: Self.hours.count)
                    )
                }
            }
            try await clock.advance(to: WeekClock.instant(day, hour: 17))
            try await team.snapshot(day)
            ledger.day(day) { figures in
                figures.waitingForParticipant = claimants.filter { !$0.done && $0.lastStatus?.waitsForParticipant == true }.count
            }
            dayIndex += 1
            let figures = context.metrics.progress
            progress.update(
                done: dayIndex,
                counters: [("claims", claimants.count), ("members", looked), ("requests", figures.requests), ("paid", figures.paid)]
            )
            day = day.adding(days: 1)
        }
        // Members kept in reserve for the counter who never came look at the end.
        let unused = cast.unused()
        let rest = Array(lookers) + unused.prefix(Self.looking(unused.count, share: plan.memberLookShare))
        let context = context
        let lateProblems = await Concurrently.run(rest.count, limit: context.settings.concurrency) { index in
            await MemberLook.look(DemoPopulation.member(rest[index]), context: context)
        }
        looked += rest.count
        memberProblems += lateProblems.compactMap { $0 }

        let everyone = claimants
        let finals = await Concurrently.run(everyone.count, limit: context.settings.concurrency) { index in
            await everyone[index].finish()
        }
        var outcome = WeekOutcome(ledger: ledger, calendar: calendar, now: clock.now())
        for (claimant, records) in zip(claimants, finals) { outcome.add(claimant, records: records) }
        let kpis = try await team.kpis(from: plan.start, to: last)
        let checked = ledger.dueDateProblems()
        let state = ledger.state.withLock { $0 }
        return WeekReport(
            plan: plan,
            days: ledger.days(from: plan.start, through: last),
            kpis: kpis,
            claimsPastSLA: outcome.pastSLA,
            paidLate: outcome.paidLate,
            openPastDue: outcome.openPastDue,
            paidClaims: outcome.workingDaysToPayment.count,
            medianWorkingDaysToPayment: Percentiles(outcome.workingDaysToPayment.map(Double.init))?.p50,
            medianWorkingDaysFromReceipt: Percentiles(outcome.workingDaysFromReceipt.map(Double.init))?.p50,
            dueDatesChecked: checked.checked,
            dueDateProblems: checked.problems + outcome.dueDateProblems,
            fallbackVerified: state.fallbackVerified.count,
            fallbackRefusals: state.fallbackRefusals.values.reduce(into: [:]) { $0[$1, default: 0] += 1 },
            fallbackNotContinued: outcome.notContinued,
            identityTickets: state.identityTickets,
            identityChecksNotRequired: state.identityChecksNotRequired,
            identityChecks: outcome.identityChecks,
            membersLooked: looked,
            memberProblems: memberProblems,
            wallSeconds: Date().timeIntervalSince(wallStart)
        )
    }

    /// How many of `count` members look at their balance.
    static func looking(_ count: Int, share: Double) -> Int { Int((Double(count) * min(max(share, 0), 1)).rounded()) }

    /// Calendar days from the plan's start through its last working day.
    static func calendarDays(_ plan: BranchWeekPlan, calendar: WorkingDayCalendar = .indonesia) -> Int {
        guard let last = plan.workingDays(calendar: calendar).last else { return 0 }
        var count = 0
        var day = plan.start
        while day <= last {
            count += 1
            day = day.adding(days: 1)
        }
        return count
    }

    /// Whether a claimant opens the app at `hour`: once a day at their own hour (on a day off,
    /// at the nearer of the day's two steps).
    static func looks(_ claimant: WeekClaimant, at hour: Int, working: Bool) -> Bool {
        if working { return claimant.lookHour == hour }
        return (claimant.lookHour < 13 ? dayOffHours[0] : dayOffHours[1]) == hour
    }

    /// Step `step`'s part of a day's `capacity` spread over `steps` steps (the parts add up to it).
    static func share(of capacity: Int, step: Int, of steps: Int) -> Int {
        capacity * (step + 1) / steps - capacity * step / steps
    }
}

extension BranchWeekPlan {
    /// The branch's daily cap on JHT claims at the counter (Makassar's, DOMAIN.md; the demo
    /// branch's `dailyJHTQuota`).
    static let dailyJHTCap = 100
}
