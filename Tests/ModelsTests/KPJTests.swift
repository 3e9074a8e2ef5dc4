import Foundation
import Models
import Testing

@Suite("KPJ")
struct KPJTests {
    @Test func elevenDigitsAreValid() throws {
        let kpj = try KPJ("12345678901")
        #expect(kpj.rawValue == "12345678901")
        #expect(KPJ.requiredLength == 11)
    }

    @Test func spacesAndDashesAreIgnored() throws {
        #expect(try KPJ("123-4567-8901").rawValue == "12345678901")
        #expect(try KPJ(" 123 4567 8901 ").rawValue == "12345678901")
    }

    @Test(arguments: [
        ("1234567890", "kpj.length"),
        ("123456789012", "kpj.length"),
        ("1234567890A", "kpj.digits"),
        ("", "kpj.digits"),
    ])
    func invalidNumbersFail(text: String, code: String) {
        #expect(valueErrorCode { try KPJ(text) } == code)
    }

    @Test func descriptionShowsOnlyTheLastThreeDigits() throws {
        let kpj = try KPJ("12345678901")
        #expect(kpj.description == "********901")
        #expect(!"\(kpj)".contains("12345678"))
    }

    @Test func jsonRoundTripAndDecodeFailure() throws {
        let kpj = try KPJ("12345678901")
        #expect(try jsonString(kpj) == "\"12345678901\"")
        #expect(try roundTrip(kpj) == kpj)
        #expect(throws: DecodingError.self) { try decode(KPJ.self, "\"1234\"") }
    }
}
