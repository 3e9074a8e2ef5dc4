import Foundation
import Models

/// The branch counter's day, planned without I/O: queue numbers handed out (more on a peak
/// day, the first working day after days off), how many of them are JHT claims, and how many
/// of those the branch takes under its daily JHT cap once the booked fallback visits have
/// their places; the rest are sent home and come back the next working day.
struct BranchCounter: Sendable, Hashable {
    /// People sent home yesterday, who come back today.
    var returning = 0

    struct Day: Sendable, Hashable {
        var queueNumbers: Int
        /// JHT claims filed at the counter today by walk-ins (booked visits not included).
        var walkInClaims: Int
        var sentHome: Int
    }

    /// Today's counter. `bookedVisits` are the fallback visits booked for today (they hold
    /// their places under `cap`); `surge` multiplies the day's queue.
    mutating func day(peak: Bool, bookedVisits: Int, cap: Int, plan: BranchWeekPlan, surge: Double, random: inout SimRandom) -> Day {
        let base = peak ? plan.peakQueueNumbers : random.int(plan.queueNumbers)
        let fresh = Int((Double(base) * surge).rounded())
        let demand = Int((Double(fresh) * plan.jhtShareOfQueue).rounded()) + returning
        let places = max(0, cap - bookedVisits)
        let taken = min(demand, places)
        let day = Day(queueNumbers: fresh + returning, walkInClaims: taken, sentHome: demand - taken)
        returning = day.sentHome
        return day
    }

    /// A peak day: the first working day after one or more days off (every Monday, and the day
    /// the office reopens after a holiday).
    static func isPeak(_ day: LocalDate, calendar: WorkingDayCalendar) -> Bool {
        !calendar.isWorkingDay(day.adding(days: -1))
    }
}
