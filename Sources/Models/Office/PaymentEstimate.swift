import Foundation

/// The payment date a participant is told to expect when a delay is announced (DOMAIN.md,
/// "What good service looks like": proactive notice with the cause and a new estimated
/// payment date).
///
/// Each office layer still to pass takes about one working day (DOMAIN.md: about 3 days
/// when nothing goes wrong, for four layers), so the estimate is the later of the SLA due
/// date and today plus one working day per layer left. While the clock is paused, it is what
/// remains of the SLA counted from today: "if you send the correction today".
public enum PaymentEstimate {
    /// The estimated payment date, or `nil` for a closed claim.
    ///
    /// - Parameters:
    ///   - status: where the claim is.
    ///   - clock: the SLA clock that applies (see the office's provisional clock for claims
    ///     whose documents have not been confirmed yet).
    ///   - now: the instant the estimate is made.
    ///   - policy: the service level.
    ///   - zone: the branch's time zone.
    ///   - calendar: the working days.
    public static func date(
        status: ClaimStatus,
        clock: SLAClock,
        at now: Date,
        policy: SLAPolicy = .standard,
        zone: IndonesianTimeZone,
        calendar: WorkingDayCalendar
    ) -> LocalDate? {
        guard !status.isFinal, status != .draft else { return nil }
        let today = LocalDate(now, in: zone)
        let steps = status.officeStepsLeft
        let byWork = calendar.addingWorkingDays(steps, to: today)
        if let due = clock.dueDate(policy: policy, zone: zone, calendar: calendar) { return max(due, byWork) }
        if clock.startedAt != nil {
            let remaining = policy.workingDays - clock.workingDaysUsed(through: today, zone: zone, calendar: calendar)
            return calendar.addingWorkingDays(max(remaining, steps), to: today)
        }
        return byWork
    }
}
