import Foundation

/// The service level for paying a claim.
///
/// Source: Permenaker 4/2022 and PP 46/2015, payment within 5 working days after the
/// requirements are received complete and correct (DOMAIN.md, "The service level").
public struct SLAPolicy: Hashable, Sendable, Codable {
    /// Working days allowed from complete documents to payment.
    public var workingDays: Int
    /// A running claim with this many working days left, or fewer, is at risk.
    public var atRiskWhenRemaining: Int

    /// A service level of `workingDays` working days, at risk when `atRiskWhenRemaining` or fewer remain.
    public init(workingDays: Int = 5, atRiskWhenRemaining: Int = 1) {
        self.workingDays = workingDays
        self.atRiskWhenRemaining = atRiskWhenRemaining
    }

    /// The regulation's default: 5 working days, at risk with 1 left.
    public static let standard = SLAPolicy()
}

/// The SLA clock of one claim: started when documents are complete, paused while a
/// correction is requested, counted in working days in the branch's time zone.
///
/// Counting rules: the day the documents become complete is day 0 and does not count.
/// A pause that begins on day P and ends on day R stops the days after P up to and
/// including R from counting (the day of resumption is a fresh day 0, like the start).
public struct SLAClock: Hashable, Sendable, Codable {
    /// An interval during which the clock was stopped.
    public struct Pause: Hashable, Sendable, Codable {
        /// When the pause began.
        public var from: Date
        /// When it ended; `nil` while it lasts.
        public var until: Date?

        /// A pause from `from`, ended at `until` if it has ended.
        public init(from: Date, until: Date? = nil) {
            self.from = from
            self.until = until
        }
    }

    /// When the documents were received complete and correct; `nil` until then.
    public var startedAt: Date?
    /// Pauses in order; only the last may be open.
    public var pauses: [Pause]

    /// A clock started at `startedAt` (not yet started when `nil`) with its pauses.
    public init(startedAt: Date? = nil, pauses: [Pause] = []) {
        self.startedAt = startedAt
        self.pauses = pauses
    }

    /// Whether a pause is open.
    public var isPaused: Bool { pauses.last.map { $0.until == nil } ?? false }

    /// Starts the clock, if it has not started.
    public mutating func start(at instant: Date) {
        if startedAt == nil { startedAt = instant }
    }

    /// Stops the clock (a correction was requested). No effect when already paused.
    public mutating func pause(at instant: Date) {
        guard startedAt != nil, !isPaused else { return }
        pauses.append(Pause(from: instant))
    }

    /// Restarts the clock after a pause. No effect when running.
    public mutating func resume(at instant: Date) {
        guard isPaused else { return }
        pauses[pauses.count - 1].until = instant
    }

    /// Whether working day `date` is excluded by a pause.
    func isPaused(on date: LocalDate, zone: IndonesianTimeZone) -> Bool {
        pauses.contains { pause in
            let from = LocalDate(pause.from, in: zone)
            guard date > from else { return false }
            guard let until = pause.until else { return true }
            return date <= LocalDate(until, in: zone)
        }
    }

    /// Working days used from the start through `today`.
    public func workingDaysUsed(through today: LocalDate, zone: IndonesianTimeZone, calendar: WorkingDayCalendar) -> Int {
        guard let startedAt else { return 0 }
        var day = LocalDate(startedAt, in: zone)
        var used = 0
        while day < today {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day), !isPaused(on: day, zone: zone) { used += 1 }
        }
        return used
    }

    /// The due date, or `nil` while the clock has not started or is paused.
    public func dueDate(policy: SLAPolicy = .standard, zone: IndonesianTimeZone, calendar: WorkingDayCalendar) -> LocalDate? {
        guard let startedAt, !isPaused else { return nil }
        var day = LocalDate(startedAt, in: zone)
        var remaining = policy.workingDays
        while remaining > 0 {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day), !isPaused(on: day, zone: zone) { remaining -= 1 }
        }
        return day
    }

    /// Where the claim stands against its SLA at `now`.
    public func status(
        at now: Date,
        policy: SLAPolicy = .standard,
        zone: IndonesianTimeZone,
        calendar: WorkingDayCalendar
    ) -> SLAStatus {
        guard startedAt != nil else { return .notStarted }
        let today = LocalDate(now, in: zone)
        let remaining = policy.workingDays - workingDaysUsed(through: today, zone: zone, calendar: calendar)
        guard let due = dueDate(policy: policy, zone: zone, calendar: calendar) else {
            return .paused(remainingWorkingDays: remaining)
        }
        if today > due { return .breached(dueDate: due, workingDaysOverdue: -remaining) }
        if remaining <= policy.atRiskWhenRemaining { return .atRisk(dueDate: due, remainingWorkingDays: remaining) }
        return .onTrack(dueDate: due, remainingWorkingDays: remaining)
    }
}

/// Where a claim stands against the SLA.
public enum SLAStatus: Hashable, Sendable, Codable {
    case notStarted
    case onTrack(dueDate: LocalDate, remainingWorkingDays: Int)
    case atRisk(dueDate: LocalDate, remainingWorkingDays: Int)
    case breached(dueDate: LocalDate, workingDaysOverdue: Int)
    case paused(remainingWorkingDays: Int)

    /// A sort key for worklists: breached first, then by working days left.
    public var urgency: Int {
        switch self {
        case .breached(_, let overdue): -1000 - overdue
        case .atRisk(_, let remaining), .onTrack(_, let remaining): remaining
        case .paused: 10_000
        case .notStarted: 20_000
        }
    }
}
