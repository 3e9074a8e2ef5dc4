import Foundation

extension AppointmentPolicy {
    /// The first and last day a booking made at `now` may name, as dates in `zone`.
    public func bookableDays(at now: Date, in zone: IndonesianTimeZone, calendar: WorkingDayCalendar) -> ClosedRange<LocalDate> {
        let today = LocalDate(now, in: zone)
        let earliest = calendar.workingDay(onOrAfter: today.adding(days: max(0, leadDays)))
        let latest = max(earliest, calendar.addingWorkingDays(max(0, horizonWorkingDays), to: today))
        return earliest...latest
    }

    /// Checks that `date` (in `zone`) can be booked at `now`: a working day within
    /// ``bookableDays(at:in:calendar:)``.
    public func checkBookable(
        _ date: LocalDate,
        at now: Date,
        in zone: IndonesianTimeZone,
        calendar: WorkingDayCalendar
    ) throws(FallbackError) {
        let range = bookableDays(at: now, in: zone, calendar: calendar)
        if date < range.lowerBound { throw .tooSoon(earliest: range.lowerBound) }
        if date > range.upperBound { throw .tooFar(latest: range.upperBound) }
        if !calendar.isWorkingDay(date) {
            throw .dayOff(date, name: calendar.dayOff(on: date)?.name, nextWorkingDay: calendar.workingDay(onOrAfter: date.adding(days: 1)))
        }
    }

    /// The bookable working days after `date`, in order: where a full day points to.
    public func laterWorkingDays(
        after date: LocalDate,
        at now: Date,
        in zone: IndonesianTimeZone,
        calendar: WorkingDayCalendar
    ) -> [LocalDate] {
        let range = bookableDays(at: now, in: zone, calendar: calendar)
        var days: [LocalDate] = []
        var day = max(date.adding(days: 1), range.lowerBound)
        while day <= range.upperBound {
            if calendar.isWorkingDay(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// The arrival window of queue number `queueNumber` at `branch` on `date`, in the
    /// branch's time zone.
    ///
    /// The counter hours are cut into windows of ``branchSlotMinutes``; each window takes
    /// `ceil(quota / windows)` numbers in queue order, so whoever booked earlier never comes
    /// later. Numbers past the last window (given out after cancellations freed places) wait
    /// in the last window, behind everyone who booked before them.
    public func branchWindow(queueNumber: Int, on date: LocalDate, at branch: Branch) -> DateInterval {
        let length = max(1, branchSlotMinutes)
        let windows = max(1, (branch.closesAtMinute - branch.opensAtMinute) / length)
        let perWindow = max(1, (max(1, branch.dailyJHTQuota) + windows - 1) / windows)
        let index = min(max(0, queueNumber - 1) / perWindow, windows - 1)
        let start = date.start(in: branch.timeZone).addingTimeInterval(TimeInterval((branch.opensAtMinute + index * length) * 60))
        return DateInterval(start: start, duration: TimeInterval(length * 60))
    }

    /// The video-call slots of `date` (a date in WIB), in order.
    public func videoSlots(on date: LocalDate) -> [DateInterval] {
        let length = max(1, videoSlotMinutes)
        let midnight = date.start(in: Self.videoTimeZone)
        return stride(from: videoOpensAtMinute, through: videoClosesAtMinute - length, by: length).map {
            DateInterval(start: midnight.addingTimeInterval(TimeInterval($0 * 60)), duration: TimeInterval(length * 60))
        }
    }

    /// The video-call slot that starts at `start`, with its date in WIB.
    /// - Throws: ``FallbackError/outsideHours(_:)`` when no slot starts then.
    public func videoSlot(startingAt start: Date) throws(FallbackError) -> (date: LocalDate, slot: DateInterval) {
        let date = LocalDate(start, in: Self.videoTimeZone)
        guard let slot = videoSlots(on: date).first(where: { $0.start == start }) else {
            throw .outsideHours(
                "Video calls start every \(videoSlotMinutes) minutes from \(Self.clock(videoOpensAtMinute)) to "
                    + "\(Self.clock(videoClosesAtMinute - videoSlotMinutes)) WIB; pick one of those times."
            )
        }
        return (date, slot)
    }

    /// When a booked appointment that was not checked in counts as missed.
    public func noShowDeadline(of appointment: Appointment) -> Date {
        appointment.endsAt.addingTimeInterval(TimeInterval(noShowAfterMinutes * 60))
    }

    static func clock(_ minute: Int) -> String {
        let hours = minute / 60
        let minutes = minute % 60
        return "\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }
}
