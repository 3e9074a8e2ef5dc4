/// Which days are working days: not a weekend, not a national holiday, not collective leave
/// (cuti bersama).
///
/// The calendar is data. ``indonesia`` carries 2025 and 2026 as published; an operator can
/// load a newer decree from a JSON file (``HolidayCalendarFile``) without a release, since
/// the joint ministerial decree is amended mid-year at times (DOMAIN.md, "Working days").
public struct WorkingDayCalendar: Hashable, Sendable, Codable {
    /// A day off with its name, for display and audits.
    public struct DayOff: Hashable, Sendable, Codable {
        /// Why the office is closed that day.
        public enum Kind: String, Hashable, Sendable, Codable {
            case nationalHoliday
            case collectiveLeave
        }

        /// The day.
        public var date: LocalDate
        /// A national holiday or collective leave.
        public var kind: Kind
        /// The holiday's name, as the decree gives it.
        public var name: String

        /// A day off.
        public init(date: LocalDate, kind: Kind, name: String) {
            self.date = date
            self.kind = kind
            self.name = name
        }
    }

    /// Every holiday and collective-leave day, by date.
    public private(set) var daysOff: [LocalDate: DayOff]

    /// Makes a calendar from a list of days off.
    public init(daysOff: [DayOff]) {
        self.daysOff = Dictionary(daysOff.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.weekday.isWeekend && daysOff[date] == nil
    }

    /// The day off on `date`, if any (weekends are not listed).
    public func dayOff(on date: LocalDate) -> DayOff? { daysOff[date] }

    /// The `count`-th working day after `date` (`date` itself is not counted).
    public func addingWorkingDays(_ count: Int, to date: LocalDate) -> LocalDate {
        precondition(count >= 0)
        var day = date
        var remaining = count
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The first working day on or after `date`.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Working days in `(from, through]`; negative when `through` is before `from`.
    public func workingDays(after from: LocalDate, through: LocalDate) -> Int {
        if through < from { return -workingDays(after: through, through: from) }
        var count = 0
        var day = from
        while day < through {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// Makes `date` a working day again (unless it falls on a weekend).
    public mutating func removeDayOff(on date: LocalDate) { daysOff[date] = nil }

    /// This calendar with `other`'s days off added; `other` wins where both name a date.
    public func merging(_ other: WorkingDayCalendar) -> WorkingDayCalendar {
        var copy = self
        copy.daysOff.merge(other.daysOff) { _, new in new }
        return copy
    }
}

/// The JSON file an operator edits to change the calendar without a release.
///
/// ```json
/// { "replaceBuiltIn": false,
///   "daysOff": [ { "date": "2027-01-01", "kind": "nationalHoliday", "name": "Tahun Baru" } ],
///   "workingDays": [ "2026-12-24" ] }
/// ```
/// `workingDays` removes built-in days off (a decree that cancels a collective-leave day).
public struct HolidayCalendarFile: Hashable, Sendable, Codable {
    /// Whether the file replaces the built-in days off instead of adding to them.
    public var replaceBuiltIn: Bool?
    /// Days off to add (a holiday, or collective leave a decree announced).
    public var daysOff: [WorkingDayCalendar.DayOff]
    /// Days that are working days after all (a decree that moved a holiday).
    public var workingDays: [LocalDate]?

    /// A calendar file's contents.
    public init(replaceBuiltIn: Bool? = nil, daysOff: [WorkingDayCalendar.DayOff], workingDays: [LocalDate]? = nil) {
        self.replaceBuiltIn = replaceBuiltIn
        self.daysOff = daysOff
        self.workingDays = workingDays
    }

    /// Applies the file to a base calendar.
    public func applied(to base: WorkingDayCalendar) -> WorkingDayCalendar {
        var calendar = replaceBuiltIn == true ? WorkingDayCalendar(daysOff: daysOff) : base.merging(WorkingDayCalendar(daysOff: daysOff))
        for date in workingDays ?? [] { calendar.removeDayOff(on: date) }
        return calendar
    }
}
