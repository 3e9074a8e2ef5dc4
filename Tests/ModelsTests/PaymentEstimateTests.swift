import Foundation
import Models
import Testing

/// The payment date a participant is told when a delay is announced.
@Suite("Payment estimate")
struct PaymentEstimateTests {
    let calendar = WorkingDayCalendar.indonesia
    /// Monday 23 November 2026, 10:00 WIB.
    let monday = utc("2026-11-23T03:00:00Z")

    func estimate(_ status: ClaimStatus, _ clock: SLAClock, at now: Date) -> LocalDate? {
        PaymentEstimate.date(status: status, clock: clock, at: now, zone: .wib, calendar: calendar)
    }

    @Test func onTrackItIsTheDueDate() {
        // Due Monday 30 November; one layer left from Tuesday fits well before it.
        #expect(estimate(.approved, SLAClock(startedAt: monday), at: utc("2026-11-24T03:00:00Z")) == day("2026-11-30"))
    }

    @Test func whenTheLayersLeftCannotFitItIsOneWorkingDayPerLayer() {
        // Friday 27 November, three layers left: Monday, Tuesday, Wednesday.
        #expect(estimate(.documentsChecked, SLAClock(startedAt: monday), at: utc("2026-11-27T03:00:00Z")) == day("2026-12-02"))
        // Late already (Wednesday 2 December), with finance: the next working day.
        #expect(estimate(.approved, SLAClock(startedAt: monday), at: utc("2026-12-02T03:00:00Z")) == day("2026-12-03"))
    }

    @Test func whilePausedItCountsWhatRemainsFromToday() {
        var clock = SLAClock(startedAt: monday)
        clock.pause(at: utc("2026-11-25T03:00:00Z"))
        // Two working days used (Tuesday, Wednesday), three remain; but a resubmitted claim passes
        // all four layers again: from Thursday, Wednesday 2 December.
        #expect(estimate(.correctionRequested, clock, at: utc("2026-11-26T03:00:00Z")) == day("2026-12-02"))
        // With a longer SLA, what remains of it counts: eight working days from Thursday.
        #expect(
            PaymentEstimate.date(
                status: .correctionRequested,
                clock: clock,
                at: utc("2026-11-26T03:00:00Z"),
                policy: SLAPolicy(workingDays: 10),
                zone: .wib,
                calendar: calendar
            ) == day("2026-12-08")
        )
    }

    @Test func holidaysDoNotCount() {
        // Complete Tuesday 22 December 2026: 24 (collective leave) and 25 (Christmas) are off,
        // so the fifth working day is Thursday 31 December.
        let clock = SLAClock(startedAt: utc("2026-12-22T03:00:00Z"))
        #expect(estimate(.approved, clock, at: utc("2026-12-22T04:00:00Z")) == day("2026-12-31"))
    }

    @Test func closedClaimsAndDraftsHaveNone() {
        for status in [ClaimStatus.draft, .paid, .rejected, .cancelled] {
            #expect(estimate(status, SLAClock(startedAt: monday), at: monday) == nil)
        }
        #expect(estimate(.submitted, SLAClock(), at: monday) == day("2026-11-27"), "not started: four layers from today")
    }
}
