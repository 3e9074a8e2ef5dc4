import Foundation
import Models
import Testing

@Suite("WorkingDayCalendar")
struct WorkingDayCalendarTests {
    static let holidays2025 = [
        "2025-01-01", "2025-01-27", "2025-01-29", "2025-03-29", "2025-03-31", "2025-04-01", "2025-04-18", "2025-04-20", "2025-05-01",
        "2025-05-12", "2025-05-29", "2025-06-01", "2025-06-06", "2025-06-27", "2025-08-17", "2025-09-05", "2025-12-25",
    ]
    static let collectiveLeave2025 = [
        "2025-01-28", "2025-03-28", "2025-04-02", "2025-04-03", "2025-04-04", "2025-04-07", "2025-05-13", "2025-05-30", "2025-06-09",
        "2025-08-18", "2025-12-26",
    ]
    static let holidays2026 = [
        "2026-01-01", "2026-01-16", "2026-02-17", "2026-03-19", "2026-03-21", "2026-03-22", "2026-04-03", "2026-04-05", "2026-05-01",
        "2026-05-14", "2026-05-27", "2026-05-31", "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-25",
    ]
    static let collectiveLeave2026 = [
        "2026-02-16", "2026-03-18", "2026-03-20", "2026-03-23", "2026-03-24", "2026-05-15", "2026-05-28", "2026-12-24",
    ]

    let calendar = WorkingDayCalendar.indonesia

    @Test(arguments: holidays2025 + holidays2026)
    func nationalHolidaysAreDaysOff(text: String) throws {
        #expect(!calendar.isWorkingDay(day(text)))
        let dayOff = try #require(calendar.dayOff(on: day(text)))
        #expect(dayOff.kind == .nationalHoliday)
        #expect(dayOff.date == day(text))
        #expect(!dayOff.name.isEmpty)
    }

    @Test(arguments: collectiveLeave2025 + collectiveLeave2026)
    func collectiveLeaveDaysAreDaysOff(text: String) throws {
        #expect(!calendar.isWorkingDay(day(text)))
        #expect(try #require(calendar.dayOff(on: day(text))).kind == .collectiveLeave)
    }

    @Test func theBuiltInListHasExactlyTheDecreedDays() {
        let expected = Set((Self.holidays2025 + Self.collectiveLeave2025 + Self.holidays2026 + Self.collectiveLeave2026).map(day))
        #expect(Set(calendar.daysOff.keys) == expected)
        #expect(calendar.daysOff.count == 53)
    }

    @Test func weekendsAreOffAndNotListed() {
        #expect(!calendar.isWorkingDay(day("2026-03-28")))
        #expect(!calendar.isWorkingDay(day("2026-03-29")))
        #expect(calendar.dayOff(on: day("2026-03-28")) == nil)
        #expect(!WorkingDayCalendar(daysOff: []).isWorkingDay(day("2030-06-01")))
    }

    @Test(arguments: ["2026-03-16", "2026-03-17", "2026-03-25", "2026-04-02", "2025-03-27", "2025-04-08", "2026-12-23", "2026-12-28"])
    func ordinaryWeekdaysAreWorkingDays(text: String) {
        #expect(calendar.isWorkingDay(day(text)))
        #expect(calendar.dayOff(on: day(text)) == nil)
    }

    @Test(arguments: [
        // (from, working days, result), counted by hand from the decree
        ("2026-03-17", 1, "2026-03-25"),
        ("2026-03-17", 5, "2026-03-31"),
        ("2026-03-16", 5, "2026-03-30"),
        ("2026-03-27", 5, "2026-04-06"),
        ("2026-03-20", 0, "2026-03-20"),
        ("2025-03-27", 1, "2025-04-08"),
        ("2025-03-27", 5, "2025-04-14"),
        ("2025-12-23", 5, "2026-01-02"),
        ("2026-05-13", 5, "2026-05-22"),
    ])
    func addingWorkingDays(from: String, count: Int, expected: String) {
        #expect(calendar.addingWorkingDays(count, to: day(from)) == day(expected))
    }

    @Test func firstWorkingDayOnOrAfter() {
        #expect(calendar.workingDay(onOrAfter: day("2026-03-18")) == day("2026-03-25"))
        #expect(calendar.workingDay(onOrAfter: day("2026-03-25")) == day("2026-03-25"))
        #expect(calendar.workingDay(onOrAfter: day("2025-03-28")) == day("2025-04-08"))
    }

    @Test func workingDaysBetweenDates() {
        #expect(calendar.workingDays(after: day("2026-03-17"), through: day("2026-03-31")) == 5)
        #expect(calendar.workingDays(after: day("2026-03-31"), through: day("2026-03-17")) == -5)
        #expect(calendar.workingDays(after: day("2026-03-17"), through: day("2026-03-17")) == 0)
        #expect(calendar.workingDays(after: day("2026-03-17"), through: day("2026-03-24")) == 0)
        // Weekdays of the year less the decreed weekdays off.
        #expect(calendar.workingDays(after: day("2024-12-31"), through: day("2025-12-31")) == 237)
        #expect(calendar.workingDays(after: day("2025-12-31"), through: day("2026-12-31")) == 240)
    }

    @Test func removingADayOffMakesItAWorkingDay() {
        var edited = calendar
        edited.removeDayOff(on: day("2026-12-24"))
        #expect(edited.isWorkingDay(day("2026-12-24")))
        #expect(calendar.dayOff(on: day("2026-12-24")) != nil)
        edited.removeDayOff(on: day("2026-03-21"))
        #expect(!edited.isWorkingDay(day("2026-03-21")), "a weekend stays off")
    }

    @Test func mergingLetsTheOtherCalendarWin() throws {
        let amendment = WorkingDayCalendar(daysOff: [
            .init(date: day("2026-03-19"), kind: .collectiveLeave, name: "Amended"),
            .init(date: day("2027-01-01"), kind: .nationalHoliday, name: "Tahun Baru Masehi"),
        ])
        let merged = calendar.merging(amendment)
        #expect(try #require(merged.dayOff(on: day("2026-03-19"))).name == "Amended")
        #expect(!merged.isWorkingDay(day("2027-01-01")))
        #expect(merged.daysOff.count == 54)
    }

    @Test func duplicateDatesKeepTheFirst() {
        let calendar = WorkingDayCalendar(daysOff: [
            .init(date: day("2027-01-01"), kind: .nationalHoliday, name: "First"),
            .init(date: day("2027-01-01"), kind: .collectiveLeave, name: "Second"),
        ])
        #expect(calendar.daysOff.count == 1)
        #expect(calendar.dayOff(on: day("2027-01-01"))?.name == "First")
    }

    @Test func calendarRoundTripsThroughJSON() throws {
        #expect(try roundTrip(calendar) == calendar)
    }
}
