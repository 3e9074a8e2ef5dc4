import Foundation
import Models
import Synchronization

/// What a branch week observed, collected while it runs (thread-safe): per-day figures, when
/// each claim was paid, and the due dates the server reported.
final class WeekLedger: Sendable {
    struct State: Sendable {
        var days: [LocalDate: DayFigures] = [:]
        var paidAt: [UUID: Date] = [:]
        /// Due dates and estimated payment dates the server reported, with where they came from.
        var reportedDates: [(date: LocalDate, source: String)] = []
        var fallbackVerified: Set<UUID> = []
        /// Verified claims the server could not submit as they stood, with the reason's code.
        var fallbackRefusals: [UUID: String] = [:]
        var identityTickets = 0
        var identityChecksNotRequired = 0
    }

    let state = Mutex(State())
    let calendar: WorkingDayCalendar

    init(calendar: WorkingDayCalendar) { self.calendar = calendar }

    /// Changes the figures of `day` (created when first touched).
    func day(_ day: LocalDate, _ change: (inout DayFigures) -> Void) {
        state.withLock { state in
            var figures = state.days[day] ?? DayFigures(date: day, dayOff: calendar.dayOff(on: day)?.name ?? Self.weekend(day))
            change(&figures)
            state.days[day] = figures
        }
    }

    /// "Saturday"/"Sunday" for a weekend day, else `nil`.
    static func weekend(_ day: LocalDate) -> String? {
        switch day.weekday {
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        default: nil
        }
    }

    func received(_ channel: ClaimChannel, on day: LocalDate) { self.day(day) { $0.received[channel.rawValue, default: 0] += 1 } }

    func paid(_ claim: UUID, at instant: Date) {
        state.withLock { $0.paidAt[claim] = instant }
        day(LocalDate(instant, in: .wib)) { $0.paid += 1 }
    }

    func reported(_ date: LocalDate, source: String) { state.withLock { $0.reportedDates.append((date, source)) } }

    func fallbackVerified(claim: UUID, refusal: String?) {
        state.withLock { state in
            state.fallbackVerified.insert(claim)
            if let refusal { state.fallbackRefusals[claim] = refusal }
        }
    }

    func identityCheck(ticketOpened: Bool) {
        state.withLock { state in
            if ticketOpened { state.identityTickets += 1 } else { state.identityChecksNotRequired += 1 }
        }
    }

    /// Every calendar day from `first` through `last`, in order.
    func days(from first: LocalDate, through last: LocalDate) -> [DayFigures] {
        var result: [DayFigures] = []
        var day = first
        while day <= last {
            self.day(day) { _ in }
            result.append(state.withLock { $0.days[day]! })
            day = day.adding(days: 1)
        }
        return result
    }

    /// Reported dates that are not working days in Models' calendar.
    func dueDateProblems() -> (checked: Int, problems: [String]) {
        let dates = state.withLock { $0.reportedDates }
        let problems = dates.filter { !calendar.isWorkingDay($0.date) }.map { date in
            "\(date.source): \(date.date) is not a working day (\(calendar.dayOff(on: date.date)?.name ?? Self.weekend(date.date) ?? "?"))"
        }
        return (dates.count, problems)
    }
}
