import Foundation
import Models
import Testing

@Suite("SLAClock due dates")
struct SLAClockTests {
    let calendar = WorkingDayCalendar.indonesia

    /// Due dates of claims whose documents were complete at 10:00 WIB on each day around
    /// Idul Fitri 2026: collective leave Mar 18, 20, 23, 24; holidays Mar 19, 21, 22; Good
    /// Friday Apr 3. Counted by hand: the working days after Mar 17 are Mar 25, 26, 27, 30,
    /// 31, Apr 1, 2, 6, 7.
    @Test(arguments: [
        ("2026-03-13", "2026-03-27"),
        ("2026-03-16", "2026-03-30"),
        ("2026-03-17", "2026-03-31"),
        ("2026-03-18", "2026-03-31"),
        ("2026-03-19", "2026-03-31"),
        ("2026-03-20", "2026-03-31"),
        ("2026-03-21", "2026-03-31"),
        ("2026-03-22", "2026-03-31"),
        ("2026-03-23", "2026-03-31"),
        ("2026-03-24", "2026-03-31"),
        ("2026-03-25", "2026-04-01"),
        ("2026-03-26", "2026-04-02"),
        ("2026-03-27", "2026-04-06"),
        ("2026-03-30", "2026-04-07"),
    ])
    func dueDateAcrossIdulFitri2026(complete: String, due: String) {
        let clock = SLAClock(startedAt: utc("\(complete)T03:00:00Z"))
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == day(due))
        #expect(clock.dueDate(zone: .wita, calendar: calendar) == day(due))
    }

    /// 15:30 UTC is the same evening in both zones; 16:30 UTC is 23:30 WIB but 00:30 WITA the
    /// next day; 17:30 UTC is past midnight in both.
    @Test(arguments: [
        ("2026-03-16T15:30:00Z", "2026-03-30", "2026-03-30"),
        ("2026-03-16T16:30:00Z", "2026-03-30", "2026-03-31"),
        ("2026-03-16T17:30:00Z", "2026-03-31", "2026-03-31"),
        ("2026-03-24T16:30:00Z", "2026-03-31", "2026-04-01"),
        ("2026-03-26T16:30:00Z", "2026-04-02", "2026-04-06"),
    ])
    func dueDateDependsOnTheBranchTimeZone(instant: String, wib: String, wita: String) {
        let clock = SLAClock(startedAt: utc(instant))
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == day(wib))
        #expect(clock.dueDate(zone: .wita, calendar: calendar) == day(wita))
    }

    @Test func customPolicyLength() {
        let clock = SLAClock(startedAt: utc("2026-03-17T03:00:00Z"))
        #expect(clock.dueDate(policy: SLAPolicy(workingDays: 3), zone: .wib, calendar: calendar) == day("2026-03-27"))
        #expect(SLAPolicy.standard == SLAPolicy(workingDays: 5, atRiskWhenRemaining: 1))
    }

    @Test func notStartedHasNoDueDate() {
        let clock = SLAClock()
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == nil)
        #expect(clock.workingDaysUsed(through: day("2026-03-31"), zone: .wib, calendar: calendar) == 0)
        #expect(clock.status(at: utc("2026-03-31T03:00:00Z"), zone: .wib, calendar: calendar) == .notStarted)
    }

    @Test func startingTwiceKeepsTheFirstStart() {
        var clock = SLAClock()
        clock.start(at: utc("2026-03-02T03:00:00Z"))
        clock.start(at: utc("2026-03-05T03:00:00Z"))
        #expect(clock.startedAt == utc("2026-03-02T03:00:00Z"))
    }

    // Pauses. Documents complete Monday 2026-03-02 (no days off that fortnight): due Mar 9.

    @Test func aClosedPauseExtendsTheDueDate() {
        var clock = SLAClock()
        clock.start(at: utc("2026-03-02T03:00:00Z"))
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == day("2026-03-09"))
        clock.pause(at: utc("2026-03-04T03:00:00Z"))
        #expect(clock.isPaused)
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == nil)
        clock.resume(at: utc("2026-03-06T03:00:00Z"))
        #expect(!clock.isPaused)
        // Mar 5 and Mar 6 do not count: Mar 3, 4, 9, 10, 11.
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == day("2026-03-11"))
    }

    @Test(arguments: [
        // (pauses as (from, until) instants, due date)
        ([("2026-03-04T03:00:00Z", "2026-03-04T07:00:00Z")], "2026-03-09"),
        ([("2026-03-04T03:00:00Z", "2026-03-06T03:00:00Z")], "2026-03-11"),
        ([("2026-03-06T03:00:00Z", "2026-03-09T03:00:00Z")], "2026-03-10"),
        ([("2026-03-03T03:00:00Z", "2026-03-04T03:00:00Z"), ("2026-03-09T03:00:00Z", "2026-03-10T03:00:00Z")], "2026-03-11"),
    ])
    func pausesExcludeTheDaysAfterThePauseThroughTheResumption(pauses: [(String, String)], due: String) {
        let clock = SLAClock(
            startedAt: utc("2026-03-02T03:00:00Z"),
            pauses: pauses.map { SLAClock.Pause(from: utc($0.0), until: utc($0.1)) }
        )
        #expect(clock.dueDate(zone: .wib, calendar: calendar) == day(due))
    }

    @Test func pauseAndResumeAreIdempotentAndNeedAStartedClock() {
        var clock = SLAClock()
        clock.pause(at: utc("2026-03-02T03:00:00Z"))
        #expect(clock.pauses.isEmpty)
        clock.start(at: utc("2026-03-02T03:00:00Z"))
        clock.resume(at: utc("2026-03-03T03:00:00Z"))
        #expect(clock.pauses.isEmpty)
        clock.pause(at: utc("2026-03-04T03:00:00Z"))
        clock.pause(at: utc("2026-03-05T03:00:00Z"))
        #expect(clock.pauses == [SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"))])
        clock.resume(at: utc("2026-03-06T03:00:00Z"))
        clock.resume(at: utc("2026-03-09T03:00:00Z"))
        #expect(clock.pauses == [SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"), until: utc("2026-03-06T03:00:00Z"))])
    }

    @Test func workingDaysUsedSkipsDaysOffAndPausedDays() {
        let running = SLAClock(startedAt: utc("2026-03-17T03:00:00Z"))
        #expect(running.workingDaysUsed(through: day("2026-03-24"), zone: .wib, calendar: calendar) == 0)
        #expect(running.workingDaysUsed(through: day("2026-03-31"), zone: .wib, calendar: calendar) == 5)
        let paused = SLAClock(startedAt: utc("2026-03-02T03:00:00Z"), pauses: [SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"))])
        #expect(paused.workingDaysUsed(through: day("2026-03-13"), zone: .wib, calendar: calendar) == 2)
    }

    @Test func roundTripsThroughJSON() throws {
        let clock = SLAClock(
            startedAt: utc("2026-03-02T03:00:00Z"),
            pauses: [
                SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"), until: utc("2026-03-06T03:00:00Z")),
                SLAClock.Pause(from: utc("2026-03-09T03:00:00Z")),
            ]
        )
        #expect(try roundTrip(clock) == clock)
    }
}
