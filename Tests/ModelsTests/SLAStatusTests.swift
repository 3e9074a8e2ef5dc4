import Foundation
import Models
import Testing

@Suite("SLAClock status")
struct SLAStatusTests {
    let calendar = WorkingDayCalendar.indonesia
    /// Documents complete Monday 2026-03-02 at 10:00 WIB: due Monday 2026-03-09.
    let clock = SLAClock(startedAt: utc("2026-03-02T03:00:00Z"))

    @Test(arguments: [
        ("2026-03-02T08:00:00Z", SLAStatus.onTrack(dueDate: day("2026-03-09"), remainingWorkingDays: 5)),
        ("2026-03-05T08:00:00Z", .onTrack(dueDate: day("2026-03-09"), remainingWorkingDays: 2)),
        ("2026-03-06T08:00:00Z", .atRisk(dueDate: day("2026-03-09"), remainingWorkingDays: 1)),
        ("2026-03-07T08:00:00Z", .atRisk(dueDate: day("2026-03-09"), remainingWorkingDays: 1)),
        ("2026-03-09T08:00:00Z", .atRisk(dueDate: day("2026-03-09"), remainingWorkingDays: 0)),
        ("2026-03-10T08:00:00Z", .breached(dueDate: day("2026-03-09"), workingDaysOverdue: 1)),
        ("2026-03-12T08:00:00Z", .breached(dueDate: day("2026-03-09"), workingDaysOverdue: 3)),
    ])
    func statusOverTime(now: String, expected: SLAStatus) {
        #expect(clock.status(at: utc(now), zone: .wib, calendar: calendar) == expected)
    }

    @Test func midnightDiffersBetweenZones() {
        // 16:30 UTC on Mar 9 is 23:30 WIB on the due date but 00:30 WITA the next day.
        let now = utc("2026-03-09T16:30:00Z")
        #expect(clock.status(at: now, zone: .wib, calendar: calendar) == .atRisk(dueDate: day("2026-03-09"), remainingWorkingDays: 0))
        #expect(clock.status(at: now, zone: .wita, calendar: calendar) == .breached(dueDate: day("2026-03-09"), workingDaysOverdue: 1))
    }

    @Test(arguments: [
        ("2026-03-24T03:00:00Z", SLAStatus.onTrack(dueDate: day("2026-03-31"), remainingWorkingDays: 5)),
        ("2026-03-27T03:00:00Z", .onTrack(dueDate: day("2026-03-31"), remainingWorkingDays: 2)),
        ("2026-03-30T03:00:00Z", .atRisk(dueDate: day("2026-03-31"), remainingWorkingDays: 1)),
        ("2026-04-01T03:00:00Z", .breached(dueDate: day("2026-03-31"), workingDaysOverdue: 1)),
        ("2026-04-06T03:00:00Z", .breached(dueDate: day("2026-03-31"), workingDaysOverdue: 3)),
    ])
    func statusAcrossIdulFitri(now: String, expected: SLAStatus) {
        let clock = SLAClock(startedAt: utc("2026-03-17T03:00:00Z"))
        #expect(clock.status(at: utc(now), zone: .wib, calendar: calendar) == expected)
    }

    @Test func pausedClockReportsTheWorkingDaysLeft() {
        var clock = clock
        clock.pause(at: utc("2026-03-04T03:00:00Z"))
        // Mar 3 and Mar 4 were used; Mar 5 onwards is paused.
        #expect(clock.status(at: utc("2026-03-05T08:00:00Z"), zone: .wib, calendar: calendar) == .paused(remainingWorkingDays: 3))
        #expect(clock.status(at: utc("2026-03-20T08:00:00Z"), zone: .wib, calendar: calendar) == .paused(remainingWorkingDays: 3))
        clock.resume(at: utc("2026-03-06T03:00:00Z"))
        #expect(
            clock.status(at: utc("2026-03-10T08:00:00Z"), zone: .wib, calendar: calendar)
                == .atRisk(dueDate: day("2026-03-11"), remainingWorkingDays: 1)
        )
    }

    @Test func customAtRiskThreshold() {
        let policy = SLAPolicy(workingDays: 3, atRiskWhenRemaining: 0)
        #expect(
            clock.status(at: utc("2026-03-04T08:00:00Z"), policy: policy, zone: .wib, calendar: calendar)
                == .onTrack(dueDate: day("2026-03-05"), remainingWorkingDays: 1)
        )
        #expect(
            clock.status(at: utc("2026-03-05T08:00:00Z"), policy: policy, zone: .wib, calendar: calendar)
                == .atRisk(dueDate: day("2026-03-05"), remainingWorkingDays: 0)
        )
    }

    @Test func urgencyPutsTheMostOverdueFirstAndIdleClaimsLast() {
        let expected: [SLAStatus] = [
            .breached(dueDate: day("2026-03-09"), workingDaysOverdue: 3),
            .breached(dueDate: day("2026-03-12"), workingDaysOverdue: 1),
            .atRisk(dueDate: day("2026-03-13"), remainingWorkingDays: 0),
            .atRisk(dueDate: day("2026-03-16"), remainingWorkingDays: 1),
            .onTrack(dueDate: day("2026-03-18"), remainingWorkingDays: 4),
            .paused(remainingWorkingDays: 2),
            .notStarted,
        ]
        #expect(expected.reversed().sorted { $0.urgency < $1.urgency } == expected)
        #expect(
            SLAStatus.breached(dueDate: day("2026-03-09"), workingDaysOverdue: 0).urgency
                < SLAStatus.atRisk(dueDate: day("2026-03-09"), remainingWorkingDays: 0).urgency
        )
    }

    @Test func statusRoundTripsThroughJSON() throws {
        let status = SLAStatus.atRisk(dueDate: day("2026-03-31"), remainingWorkingDays: 1)
        #expect(try roundTrip(status) == status)
    }
}
