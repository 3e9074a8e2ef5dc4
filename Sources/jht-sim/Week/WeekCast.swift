import Foundation
import Models
import Server

/// Who does what in a branch week, drawn from the population by the seed: the members who
/// claim through each channel (nearly all eligible on the first day; a few not, whom the
/// server refuses at submit), and the members who file nothing and only look at their balance.
struct WeekCast {
    /// Members kept for each way in, in the order they arrive.
    var pools: [WeekClaimant.Arrival: [Int]] = [:]
    /// How many of each pool have arrived.
    var drawn: [WeekClaimant.Arrival: Int] = [:]
    /// Members who file nothing: everyone not kept for a pool.
    var lookers: [Int] = []

    /// One in this many claimants is not eligible (still employed, waiting period not over).
    static let ineligibleOneIn = 30

    init(plan: BranchWeekPlan, population: Int, arrivalDays: [LocalDate], seed: UInt64, calendar: WorkingDayCalendar) {
        var order = Array(0..<population)
        var random = SimRandom(seed: seed, stream: 77)
        for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.int(0...index)) }
        // The most each way in can take: every arrival day at its largest (the first one surged).
        let days = Double(arrivalDays.count)
        let surge = max(plan.surge, 1)
        let dayOffs = Double(max(0, (arrivalDays.last.map { $0.dayNumber - plan.start.dayNumber } ?? 0) + 1 - arrivalDays.count))
        func room(_ perDay: Int) -> Int {
            Int((Double(perDay) * (days - 1 + surge) + Double(perDay) * plan.dayOffShare * dayOffs).rounded(.up)) + 1
        }
        let want: [WeekClaimant.Arrival: Int] = [
            .app: room(plan.appClaimsPerDay), .lapakAsik: room(plan.lapakAsikPerDay),
            .counter: BranchWeekPlan.dailyJHTCap * arrivalDays.count,
        ]
        let rules = ClaimRules.standard
        var ineligible: [Int] = []
        for index in order {
            let member = DemoPopulation.member(index)
            let account = member.account
            let eligible = rules.ineligibility(
                for: member.reason,
                participant: account.participant,
                membership: account.membership,
                history: [],
                on: plan.start
            )
            .isEmpty
            let arrival: WeekClaimant.Arrival? =
                if !eligible {
                    nil
                } else if pools[.counter, default: []].count < want[.counter]!, index % 4 == 0 {
                    .counter
                } else if account.membership.balance.amount >= 15_000_000 {
                    .lapakAsik
                } else {
                    .app
                }
            if let arrival, pools[arrival, default: []].count < want[arrival]! {
                pools[arrival, default: []].append(index)
            } else if !eligible, ineligible.count < (want.values.reduce(0, +)) / Self.ineligibleOneIn {
                ineligible.append(index)
            } else {
                lookers.append(index)
            }
        }
        // A few who are not eligible try anyway, spread through each pool.
        for (offset, index) in ineligible.enumerated() {
            let arrival: WeekClaimant.Arrival =
                offset % 3 == 2
                ? .counter : DemoPopulation.member(index).account.membership.balance.amount >= 15_000_000 ? .lapakAsik : .app
            let position = min(pools[arrival, default: []].count, (offset / 3 + 1) * Self.ineligibleOneIn)
            pools[arrival, default: []].insert(index, at: position)
        }
    }

    /// The next `count` members of a pool (fewer when it runs out).
    mutating func draw(_ arrival: WeekClaimant.Arrival, count: Int) -> [(DemoPopulation.Member, WeekClaimant.Arrival)] {
        let pool = pools[arrival, default: []]
        let start = drawn[arrival, default: 0]
        let end = min(pool.count, start + max(count, 0))
        drawn[arrival] = end
        return pool[start..<end].map { (DemoPopulation.member($0), arrival) }
    }

    /// Members kept for a pool who never arrived.
    func unused() -> [Int] {
        pools.flatMap { arrival, pool in pool.dropFirst(drawn[arrival, default: 0]) }
    }
}
