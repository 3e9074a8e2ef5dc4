import Foundation
import Models
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test func parsesYearMonthDay() throws {
        let date = try LocalDate("2026-03-19")
        #expect(date.year == 2026)
        #expect(date.month == 3)
        #expect(date.day == 19)
        #expect(date.description == "2026-03-19")
    }

    @Test(arguments: [
        "2023-02-29", "2100-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32",
        "2025-4-01", "25-04-01", "20250401", "2025/04/01", "2025-04-01T00:00", "abcd-ef-gh", "",
        "2025-+1-01", "+025-01-01", "2025--01-01", "-2025-01-01", "2025-01-01-",
    ])
    func rejectsInvalidText(text: String) {
        #expect(valueErrorCode { try LocalDate(text) } == "date.format")
    }

    @Test(arguments: [(2000, true), (2024, true), (2026, false), (1900, false), (2100, false), (2400, true)])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(LocalDate.isValid(year: year, month: 2, day: 29) == isLeap)
        #expect(LocalDate.isValid(year: year, month: 2, day: 28))
        #expect(!LocalDate.isValid(year: year, month: 2, day: 30))
    }

    @Test func monthLengths() {
        for month in [1, 3, 5, 7, 8, 10, 12] {
            #expect(LocalDate.isValid(year: 2025, month: month, day: 31))
        }
        for month in [4, 6, 9, 11] {
            #expect(LocalDate.isValid(year: 2025, month: month, day: 30))
            #expect(!LocalDate.isValid(year: 2025, month: month, day: 31))
        }
        #expect(!LocalDate.isValid(year: 2025, month: 0, day: 1))
        #expect(!LocalDate.isValid(year: 2025, month: 13, day: 1))
        #expect(!LocalDate.isValid(year: 2025, month: 1, day: 0))
    }

    @Test(arguments: [
        // (date, days since 1970-01-01), worked out independently
        ("1970-01-01", 0),
        ("1969-12-31", -1),
        ("2000-03-01", 11_017),
        ("2026-03-19", 20_531),
        ("1945-08-17", -8_903),
        ("1900-01-01", -25_567),
        ("2100-12-31", 47_846),
        ("0001-01-01", -719_162),
        ("9999-12-31", 2_932_896),
    ])
    func knownDayNumbers(text: String, number: Int) {
        #expect(day(text).dayNumber == number)
        #expect(LocalDate(dayNumber: number) == day(text))
    }

    @Test func dayNumberRoundTripsAndStepsOneDayAtATime() {
        var previous = LocalDate(dayNumber: -800_001)
        for number in -800_000...800_000 {
            let date = LocalDate(dayNumber: number)
            #expect(date.dayNumber == number)
            let isNextDay =
                (date.year == previous.year && date.month == previous.month && date.day == previous.day + 1)
                || (date.day == 1
                    && (date.month == previous.month + 1 || (date.month == 1 && previous.month == 12 && date.year == previous.year + 1)))
            if !isNextDay {
                Issue.record("\(date) does not follow \(previous)")
                return
            }
            previous = date
        }
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday),
        ("1969-12-31", .wednesday),
        ("2000-01-01", .saturday),
        ("1945-08-17", .friday),
        ("2026-03-19", .thursday),
        ("2026-03-21", .saturday),
        ("2026-03-22", .sunday),
        ("2026-03-23", .monday),
        ("2025-08-17", .sunday),
        ("2026-12-25", .friday),
    ])
    func weekdayOfKnownDates(text: String, weekday: Weekday) {
        #expect(day(text).weekday == weekday)
        #expect(day(text).weekday.isWeekend == (weekday == .saturday || weekday == .sunday))
    }

    @Test func addingDays() {
        #expect(day("2026-02-28").adding(days: 1) == day("2026-03-01"))
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
        #expect(day("2026-01-01").adding(days: -1) == day("2025-12-31"))
        #expect(day("2026-01-01").adding(days: 365) == day("2027-01-01"))
    }

    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2026-05-10", -24, "2024-05-10"),
        ("2026-05-10", 0, "2026-05-10"),
    ])
    func addingMonthsClampsToTheMonthsLastDay(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test(arguments: [
        ("1970-05-10", "2026-05-09", 55),
        ("1970-05-10", "2026-05-10", 56),
        ("1970-05-10", "2026-12-31", 56),
        ("2000-02-29", "2056-02-28", 55),
        ("2000-02-29", "2056-02-29", 56),
        ("2000-02-29", "2057-03-01", 57),
        ("2026-03-19", "2026-03-19", 0),
        ("2026-03-19", "2025-03-19", -1),
    ])
    func wholeYearsUntil(from: String, to: String, years: Int) {
        #expect(day(from).years(until: day(to)) == years)
    }

    @Test(arguments: [
        // (instant, zone, local date): WIB is UTC+7, WITA UTC+8, WIT UTC+9
        ("2026-03-16T16:59:59Z", IndonesianTimeZone.wib, "2026-03-16"),
        ("2026-03-16T17:00:00Z", .wib, "2026-03-17"),
        ("2026-03-16T15:59:59Z", .wita, "2026-03-16"),
        ("2026-03-16T16:00:00Z", .wita, "2026-03-17"),
        ("2026-03-16T16:30:00Z", .wib, "2026-03-16"),
        ("2026-03-16T16:30:00Z", .wita, "2026-03-17"),
        ("2026-03-16T14:59:59Z", .wit, "2026-03-16"),
        ("2026-03-16T15:00:00Z", .wit, "2026-03-17"),
        ("2025-12-31T16:30:00Z", .wib, "2025-12-31"),
        ("2025-12-31T16:30:00Z", .wita, "2026-01-01"),
        ("1969-12-31T16:59:59Z", .wib, "1969-12-31"),
        ("1969-12-31T17:00:00Z", .wib, "1970-01-01"),
    ])
    func localDateOfAnInstant(instant: String, zone: IndonesianTimeZone, expected: String) {
        #expect(LocalDate(utc(instant), in: zone) == day(expected))
    }

    @Test func startOfDayInAZone() {
        #expect(day("2026-03-17").start(in: .wib) == utc("2026-03-16T17:00:00Z"))
        #expect(day("2026-03-17").start(in: .wita) == utc("2026-03-16T16:00:00Z"))
        #expect(day("2026-03-17").start(in: .wit) == utc("2026-03-16T15:00:00Z"))
        #expect(LocalDate(day("2026-03-17").start(in: .wita), in: .wita) == day("2026-03-17"))
    }

    @Test func descriptionPadsTheYear() {
        #expect(LocalDate(year: 5, month: 1, day: 2).description == "0005-01-02")
        #expect(LocalDate(year: 2026, month: 12, day: 9).description == "2026-12-09")
    }

    @Test func ordering() {
        #expect(day("2025-12-31") < day("2026-01-01"))
        #expect(day("2026-01-02") > day("2026-01-01"))
        #expect([day("2026-03-19"), day("2025-01-01"), day("2026-01-01")].max() == day("2026-03-19"))
    }

    @Test func encodesAsText() throws {
        #expect(try jsonString(day("2026-03-19")) == "\"2026-03-19\"")
        #expect(try decode(LocalDate.self, "\"2024-02-29\"") == day("2024-02-29"))
        #expect(throws: DecodingError.self) { try decode(LocalDate.self, "\"2026-02-30\"") }
        #expect(throws: DecodingError.self) { try decode(LocalDate.self, "20260219") }
    }
}
