import Foundation
import Models
import Testing

@Suite("NIK")
struct NIKTests {
    @Test func validMaleNumberGivesSexAndBirthDate() throws {
        let nik = try NIK("3273011207850001")
        #expect(nik.rawValue == "3273011207850001")
        #expect(nik.regionCode == "327301")
        #expect(nik.sex == .male)
        #expect(nik.birthDate(relativeTo: day("2026-01-01")) == day("1985-07-12"))
    }

    @Test func validFemaleNumberHasFortyAddedToTheDay() throws {
        let nik = try NIK("7371054503900002")
        #expect(nik.sex == .female)
        #expect(nik.birthDate(relativeTo: day("2026-01-01")) == day("1990-03-05"))
    }

    @Test func femaleOnTheThirtyFirstUsesDaySeventyOne() throws {
        let nik = try NIK("3273017112990003")
        #expect(nik.sex == .female)
        #expect(nik.birthDate(relativeTo: day("2026-01-01")) == day("1999-12-31"))
    }

    @Test(arguments: [
        // (NIK, reference date, expected birth date)
        ("3273010101050001", "2026-01-01", "2005-01-01"),
        ("3273010101300001", "2026-01-01", "1930-01-01"),
        ("3273010101260001", "2026-01-01", "2026-01-01"),
        ("3273010106260001", "2026-03-01", "1926-06-01"),
        ("3273010106260001", "2026-07-01", "2026-06-01"),
        ("3273010101990001", "2000-06-15", "1999-01-01"),
        ("3273012902000001", "2026-01-01", "2000-02-29"),
        ("3273012902000001", "2000-02-28", "1600-02-29"),
    ])
    func twoDigitYearResolvesToTheLatestCenturyOnOrBeforeTheReference(nik: String, reference: String, expected: String) throws {
        let birth = try NIK(nik).birthDate(relativeTo: day(reference))
        #expect(birth == day(expected))
        #expect(birth <= day(reference))
    }

    @Test func separatorsPeopleTypeAreIgnored() throws {
        #expect(try NIK("3273 0112 0785 0001").rawValue == "3273011207850001")
        #expect(try NIK("32.73.01.120785.0001").rawValue == "3273011207850001")
        #expect(try NIK("327301-120785-0001").rawValue == "3273011207850001")
    }

    @Test(arguments: [
        ("32730112078500a1", "nik.digits"),
        ("", "nik.digits"),
        ("３２７３０１１２０７８５０００１", "nik.digits"),
        ("+273011207850001", "nik.digits"),
        ("327301120785001", "nik.length"),
        ("32730112078500011", "nik.length"),
        ("0973011207850001", "nik.region"),
        ("9773011207850001", "nik.region"),
        ("3200011207850001", "nik.region"),
        ("3273001207850001", "nik.region"),
        ("3273010007850001", "nik.day"),
        ("3273013207850001", "nik.day"),
        ("3273014007850001", "nik.day"),
        ("3273017207850001", "nik.day"),
        ("3273013102850001", "nik.day"),
        ("3273012902010001", "nik.day"),
        ("3273017002850001", "nik.day"),
        ("3273011200850001", "nik.month"),
        ("3273011213850001", "nik.month"),
        ("3273011207850000", "nik.serial"),
    ])
    func invalidNumbersFailWithTheirCode(text: String, code: String) {
        #expect(valueErrorCode { try NIK(text) } == code)
    }

    @Test func errorsNameTheFieldAndExplain() {
        let error = #expect(throws: ValueError.self) { try NIK("3273011207850000") }
        #expect(error?.field == "nik")
        #expect(error?.message.isEmpty == false)
        #expect(error?.description.hasPrefix("nik.serial: ") == true)
    }

    @Test func descriptionIsMasked() throws {
        let nik = try NIK("3273011207850001")
        #expect(nik.masked == "32************01")
        #expect(nik.description == "32************01")
        #expect(!"\(nik)".contains(nik.rawValue))
        #expect(!String(describing: nik).contains("1207850"))
        #expect(!String(describing: [nik]).contains(nik.rawValue))
    }

    @Test func jsonRoundTripUsesTheBareString() throws {
        let nik = try NIK("3273011207850001")
        #expect(try jsonString(nik) == "\"3273011207850001\"")
        #expect(try roundTrip(nik) == nik)
        #expect(try decode(NIK.self, "\"3273 0112 0785 0001\"") == nik)
    }

    @Test func decodingAnInvalidNumberFailsWithTheCheck() {
        let error = #expect(throws: DecodingError.self) { try decode(NIK.self, "\"3273011207850000\"") }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect((context.underlyingError as? ValueError)?.code == "nik.serial")
    }

    @Test func decodingANumberInsteadOfAStringFails() {
        #expect(throws: DecodingError.self) { try decode(NIK.self, "3273011207850001") }
    }
}
