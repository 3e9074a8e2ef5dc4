import Foundation
import Models
import Testing

@Suite("Appointment scheduling")
struct AppointmentPolicyTests {
    let policy = AppointmentPolicy()
    let calendar = WorkingDayCalendar.indonesia
    let bandung = Branch(id: "BDG-SUCI", name: "Bandung Suci", city: "Bandung", timeZone: .wib, dailyJHTQuota: 100)
    let makassar = Branch(id: "MKS", name: "Makassar", city: "Makassar", timeZone: .wita, dailyJHTQuota: 100)

    func refusal(_ body: () throws(FallbackError) -> Void) -> FallbackError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func holidaysAndCollectiveLeaveCannotBeBookedAndNameTheNextWorkingDay() {
        let monday = utc("2026-12-21T02:00:00Z")
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-12-24"), at: monday, in: .wib, calendar: calendar) }
                == .dayOff(day("2026-12-24"), name: "Cuti bersama Natal", nextWorkingDay: day("2026-12-28")),
            "collective leave, then Christmas and a weekend"
        )
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-12-25"), at: monday, in: .wib, calendar: calendar) }
                == .dayOff(day("2026-12-25"), name: "Hari Raya Natal", nextWorkingDay: day("2026-12-28"))
        )
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-12-26"), at: monday, in: .wib, calendar: calendar) }
                == .dayOff(day("2026-12-26"), name: nil, nextWorkingDay: day("2026-12-28")),
            "a Saturday"
        )
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-12-23"), at: monday, in: .wib, calendar: calendar) }
                == nil
        )
    }

    @Test func bookingsOpenTheNextDayAndCloseAtTheHorizon() {
        let monday = utc("2026-11-23T02:00:00Z")  // 09:00 WIB
        let range = policy.bookableDays(at: monday, in: .wib, calendar: calendar)
        #expect(range == day("2026-11-24")...day("2026-12-21"), "tomorrow to 20 working days ahead")
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-11-23"), at: monday, in: .wib, calendar: calendar) }
                == .tooSoon(earliest: day("2026-11-24"))
        )
        #expect(
            refusal { () throws(FallbackError) in try policy.checkBookable(day("2026-12-22"), at: monday, in: .wib, calendar: calendar) }
                == .tooFar(latest: day("2026-12-21"))
        )
        let friday = utc("2026-11-27T02:00:00Z")
        #expect(policy.bookableDays(at: friday, in: .wib, calendar: calendar).lowerBound == day("2026-11-30"), "Friday books Monday")
    }

    /// At 23:30 WIB on a Sunday it is already 00:30 on Monday in Makassar: each branch counts
    /// "tomorrow" from its own date.
    @Test func eachBranchCountsDaysInItsOwnTimeZone() {
        let instant = utc("2026-11-22T16:30:00Z")
        #expect(LocalDate(instant, in: .wib) == day("2026-11-22"))
        #expect(LocalDate(instant, in: .wita) == day("2026-11-23"))
        #expect(policy.bookableDays(at: instant, in: .wib, calendar: calendar).lowerBound == day("2026-11-23"))
        #expect(policy.bookableDays(at: instant, in: .wita, calendar: calendar).lowerBound == day("2026-11-24"))
    }

    @Test func arrivalWindowsFollowTheQueueInBranchLocalTime() {
        let date = day("2026-11-24")
        // 08:00-15:00 in 30-minute windows: 14 windows of ceil(100 / 14) = 8 numbers.
        #expect(policy.branchWindow(queueNumber: 1, on: date, at: bandung).start == utc("2026-11-24T01:00:00Z"), "08:00 WIB")
        #expect(policy.branchWindow(queueNumber: 1, on: date, at: makassar).start == utc("2026-11-24T00:00:00Z"), "08:00 WITA")
        #expect(policy.branchWindow(queueNumber: 8, on: date, at: bandung).start == utc("2026-11-24T01:00:00Z"))
        #expect(policy.branchWindow(queueNumber: 9, on: date, at: bandung).start == utc("2026-11-24T01:30:00Z"))
        #expect(policy.branchWindow(queueNumber: 100, on: date, at: bandung).start == utc("2026-11-24T07:00:00Z"), "14:00 WIB")
        #expect(policy.branchWindow(queueNumber: 130, on: date, at: bandung).start == utc("2026-11-24T07:30:00Z"), "the last window")
        #expect(policy.branchWindow(queueNumber: 1, on: date, at: bandung).duration == 30 * 60)
        let starts = (1...150).map { policy.branchWindow(queueNumber: $0, on: date, at: bandung).start }
        #expect(starts == starts.sorted(), "an earlier booking never comes later")
    }

    @Test func videoCallsRunFromSixToFiveWIBWhateverTheUTCDate() throws {
        let slots = policy.videoSlots(on: day("2026-11-24"))
        #expect(slots.count == 22)
        #expect(slots.first?.start == utc("2026-11-23T23:00:00Z"), "06:00 WIB is still the day before in UTC")
        #expect(slots.last?.end == utc("2026-11-24T10:00:00Z"), "17:00 WIB")
        let slot = try policy.videoSlot(startingAt: utc("2026-11-23T23:30:00Z"))
        #expect(slot.date == day("2026-11-24"))
        for outside in ["2026-11-23T22:30:00Z", "2026-11-24T10:00:00Z", "2026-11-23T23:15:00Z"] {
            #expect(throws: FallbackError.self) { try policy.videoSlot(startingAt: utc(outside)) }
        }
    }

    @Test func laterWorkingDaysSkipDaysOffAndStopAtTheHorizon() {
        let days = policy.laterWorkingDays(after: day("2026-12-23"), at: utc("2026-12-21T02:00:00Z"), in: .wib, calendar: calendar)
        #expect(days.prefix(3) == [day("2026-12-28"), day("2026-12-29"), day("2026-12-30")])
        #expect(days.allSatisfy(calendar.isWorkingDay))
        #expect(days.last == policy.bookableDays(at: utc("2026-12-21T02:00:00Z"), in: .wib, calendar: calendar).upperBound)
    }

    @Test func aMissedAppointmentExpiresAfterTheGrace() {
        let appointment = Appointment(
            id: .init(UUID()),
            ticketID: .init(UUID()),
            participantID: Fixtures.participantID,
            kind: .branchVisit,
            branchID: "BDG-SUCI",
            date: day("2026-11-24"),
            startsAt: utc("2026-11-24T01:00:00Z"),
            endsAt: utc("2026-11-24T01:30:00Z"),
            queueNumber: 1,
            bookedAt: utc("2026-11-23T02:00:00Z")
        )
        #expect(policy.noShowDeadline(of: appointment) == utc("2026-11-24T02:30:00Z"))
    }
}
