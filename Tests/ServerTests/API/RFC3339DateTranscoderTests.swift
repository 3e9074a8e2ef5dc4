import Foundation
import Testing

@testable import Server

/// Every RFC 3339 date-time a client may send is read: fractional seconds of any length or none,
/// `Z` or an offset; what is not a date-time is still refused.
@Suite("RFC 3339 dates on the wire")
struct RFC3339DateTranscoderTests {
    let transcoder = RFC3339DateTranscoder()
    let instant = Date(timeIntervalSince1970: 1_796_292_000)  // 2026-12-03T10:00:00Z

    @Test(arguments: [
        ("2026-12-03T10:00:00Z", 0.0), ("2026-12-03T17:00:00+07:00", 0.0), ("2026-12-03T10:00:00.5Z", 0.5),
        ("2026-12-03T10:00:00.123456+00:00", 0.123456), ("2026-12-03T09:30:00.250-00:30", 0.25),
    ])
    func readsWholeAndFractionalSecondsWithAnyOffset(_ text: String, _ fraction: Double) throws {
        let date = try transcoder.decode(text)
        #expect(abs(date.timeIntervalSince(instant) - fraction) < 0.000_001, "\(text)")
    }

    @Test func writesWholeSecondsInUTC() throws {
        #expect(try transcoder.encode(instant.addingTimeInterval(0.75)) == "2026-12-03T10:00:00Z")
    }

    @Test(arguments: ["2026-12-03", "2026-12-03T10:00:00", "2026-12-03T10:00:00.Z", "2026-12-03T10:00:00.1x2Z", "yesterday"])
    func refusesWhatIsNotADateTime(_ text: String) {
        #expect(throws: (any Error).self) { try transcoder.decode(text) }
    }
}
