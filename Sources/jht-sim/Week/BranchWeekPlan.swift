import Foundation
import Models

/// How a branch week runs: the days, the staff and how many people arrive through each
/// channel. Figures from DOMAIN.md (Makassar's 150-200 queue numbers a day, 300 on peak days,
/// at most 100 JHT claims a day; Bandung Suci's 40,000 members); the rest are set here as
/// plausible values and can be changed per run.
struct BranchWeekPlan: Codable, Sendable, Hashable {
    /// The first day (its office opens at 07:00 WIB).
    var start: LocalDate
    /// Working days on which claims arrive.
    var days: Int
    /// Working days the office goes on working after the last arrivals, so the week's claims
    /// meet (or miss) their due dates within the run.
    var drainDays: Int
    /// Officers per role (CSO, back office, head of service, finance).
    var officersPerRole: Int
    /// Claims one officer takes one step further in a working day.
    var claimsPerOfficerDay: Int
    /// App claims (balance under the online ceiling) a working day.
    var appClaimsPerDay: Int
    /// Lapak Asik claims (balance over the ceiling) a working day.
    var lapakAsikPerDay: Int
    /// Queue numbers the counter hands out on an ordinary working day.
    var queueNumbers: ClosedRange<Int>
    /// Queue numbers on a peak day (a Monday, or the first working day after days off).
    var peakQueueNumbers: Int
    /// Of the queue numbers, the share that are JHT claims (the rest: other services).
    var jhtShareOfQueue: Double
    /// Arrivals on the first working day are this many times the usual (a wave of lay-offs).
    var surge: Double
    /// On a day off, app and Lapak Asik drafts still arrive at this share of a working day's.
    var dayOffShare: Double
    /// Working days a participant takes to answer a correction request or a failed payment.
    var answerDays: ClosedRange<Int>
    /// A booked fallback visit or video call is missed.
    var noShowRate: Double
    /// The share of the members who file nothing that looks at their balance once during the
    /// week (a light phone: sign in, pull their bucket, read /v1/me); 1 for every member.
    var memberLookShare: Double

    /// The working days of the run (arrival days, then drain days) from `start`.
    func workingDays(calendar: WorkingDayCalendar) -> [LocalDate] {
        var days: [LocalDate] = []
        var day = calendar.workingDay(onOrAfter: start)
        while days.count < self.days + drainDays {
            days.append(day)
            day = calendar.workingDay(onOrAfter: day.adding(days: 1))
        }
        return days
    }

    /// The plan with arrivals, queue numbers and each officer's daily capacity multiplied by
    /// `factor` (at least one of each): a smaller or busier branch with the same proportions.
    func scaled(by factor: Double) -> BranchWeekPlan {
        func scale(_ value: Int) -> Int { max(1, Int((Double(value) * factor).rounded())) }
        var plan = self
        plan.appClaimsPerDay = scale(appClaimsPerDay)
        plan.lapakAsikPerDay = scale(lapakAsikPerDay)
        plan.queueNumbers = scale(queueNumbers.lowerBound)...scale(queueNumbers.upperBound)
        plan.peakQueueNumbers = scale(peakQueueNumbers)
        plan.claimsPerOfficerDay = scale(claimsPerOfficerDay)
        return plan
    }

    /// The full Bandung Suci branch: 40,000 members, five working days from Monday 16 March
    /// 2026 (across the Idul Fitri 2026 leave), six officers per role.
    static let standard = BranchWeekPlan(
        start: try! LocalDate("2026-03-16"),
        days: 5,
        drainDays: 3,
        officersPerRole: 6,
        claimsPerOfficerDay: 60,
        appClaimsPerDay: 240,
        lapakAsikPerDay: 40,
        queueNumbers: 150...200,
        peakQueueNumbers: 300,
        jhtShareOfQueue: 0.5,
        surge: 1,
        dayOffShare: 0.25,
        answerDays: 1...3,
        noShowRate: 0.1,
        memberLookShare: 1
    )
}
