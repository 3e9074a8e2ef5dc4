import Foundation
import Models
import Testing

@Suite("HolidayCalendarFile")
struct HolidayCalendarFileTests {
    static let fileJSON = """
        { "replaceBuiltIn": false,
          "daysOff": [ { "date": "2027-01-01", "kind": "nationalHoliday", "name": "Tahun Baru" },
                       { "date": "2026-12-31", "kind": "collectiveLeave", "name": "Cuti bersama" } ],
          "workingDays": [ "2026-12-24" ] }
        """

    @Test func decodesTheDocumentedFormat() throws {
        let file = try decode(HolidayCalendarFile.self, Self.fileJSON)
        #expect(file.replaceBuiltIn == false)
        #expect(
            file.daysOff == [
                .init(date: day("2027-01-01"), kind: .nationalHoliday, name: "Tahun Baru"),
                .init(date: day("2026-12-31"), kind: .collectiveLeave, name: "Cuti bersama"),
            ]
        )
        #expect(file.workingDays == [day("2026-12-24")])
    }

    @Test func addsDaysOffAndRemovesCancelledOnes() throws {
        let calendar = try decode(HolidayCalendarFile.self, Self.fileJSON).applied(to: .indonesia)
        #expect(!calendar.isWorkingDay(day("2027-01-01")))
        #expect(!calendar.isWorkingDay(day("2026-12-31")))
        #expect(calendar.isWorkingDay(day("2026-12-24")))
        // Built-in days stay.
        #expect(!calendar.isWorkingDay(day("2026-03-19")))
        #expect(calendar.addingWorkingDays(5, to: day("2026-12-23")) == day("2027-01-04"))
    }

    @Test func optionalFieldsMayBeLeftOut() throws {
        let file = try decode(HolidayCalendarFile.self, #"{ "daysOff": [] }"#)
        #expect(file.replaceBuiltIn == nil)
        #expect(file.workingDays == nil)
        #expect(file.applied(to: .indonesia) == .indonesia)
    }

    @Test func replaceBuiltInDropsTheBuiltInDays() throws {
        let json = #"{ "replaceBuiltIn": true, "daysOff": [ { "date": "2027-01-01", "kind": "nationalHoliday", "name": "Tahun Baru" } ] }"#
        let calendar = try decode(HolidayCalendarFile.self, json).applied(to: .indonesia)
        #expect(calendar.isWorkingDay(day("2026-03-19")))
        #expect(!calendar.isWorkingDay(day("2027-01-01")))
        #expect(calendar.daysOff.count == 1)
    }

    @Test(arguments: [
        #"{ "daysOff": [ { "date": "2027-02-30", "kind": "nationalHoliday", "name": "X" } ] }"#,
        #"{ "daysOff": [ { "date": "2027-01-01", "kind": "weekend", "name": "X" } ] }"#,
        #"{ "daysOff": [ { "date": "2027-01-01", "kind": "nationalHoliday" } ] }"#,
        #"{ "daysOff": [], "workingDays": [ "24-12-2026" ] }"#,
        #"{ "workingDays": [] }"#,
    ])
    func malformedFilesFailToDecode(json: String) {
        #expect(throws: DecodingError.self) { try decode(HolidayCalendarFile.self, json) }
    }

    @Test func fileRoundTrips() throws {
        let file = HolidayCalendarFile(
            replaceBuiltIn: true,
            daysOff: [.init(date: day("2027-01-01"), kind: .nationalHoliday, name: "Tahun Baru")],
            workingDays: [day("2026-12-24")]
        )
        #expect(try roundTrip(file) == file)
    }
}
