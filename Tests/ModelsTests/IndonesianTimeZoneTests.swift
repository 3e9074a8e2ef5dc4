import Foundation
import Models
import Testing

@Suite("IndonesianTimeZone")
struct IndonesianTimeZoneTests {
    @Test(arguments: [
        (IndonesianTimeZone.wib, "Asia/Jakarta", "WIB", 25_200),
        (.wita, "Asia/Makassar", "WITA", 28_800),
        (.wit, "Asia/Jayapura", "WIT", 32_400),
    ])
    func offsetsAndNames(zone: IndonesianTimeZone, identifier: String, abbreviation: String, seconds: Int) {
        #expect(zone.identifier == identifier)
        #expect(zone.abbreviation == abbreviation)
        #expect(zone.secondsFromUTC == seconds)
        #expect(zone.timeZone.secondsFromGMT() == seconds)
    }

    @Test func minuteOfDay() {
        let instant = utc("2026-03-16T16:30:00Z")
        #expect(IndonesianTimeZone.wib.minuteOfDay(instant) == 23 * 60 + 30)
        #expect(IndonesianTimeZone.wita.minuteOfDay(instant) == 30)
        #expect(IndonesianTimeZone.wit.minuteOfDay(instant) == 90)
        #expect(IndonesianTimeZone.wib.minuteOfDay(utc("1969-12-31T16:00:00Z")) == 23 * 60)
    }

    @Test func decodesFromTheIANAIdentifier() throws {
        #expect(try decode(IndonesianTimeZone.self, "\"Asia/Makassar\"") == .wita)
        #expect(throws: DecodingError.self) { try decode(IndonesianTimeZone.self, "\"WITA\"") }
    }
}
