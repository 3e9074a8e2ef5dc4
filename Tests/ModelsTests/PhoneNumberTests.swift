import Foundation
import Models
import Testing

@Suite("PhoneNumber")
struct PhoneNumberTests {
    @Test(arguments: [
        "081234567890",
        "81234567890",
        "6281234567890",
        "+6281234567890",
        "+62 812-3456-7890",
        "0812 3456 7890",
        "(0812) 3456-7890",
    ])
    func formsPeopleTypeNormaliseToPlus62(text: String) throws {
        #expect(try PhoneNumber(text).rawValue == "+6281234567890")
    }

    @Test(arguments: [
        // 10 digits nationally (with the 0) is the shortest; 13 the longest.
        ("0812345678", "+62812345678"),
        ("0812345678901", "+62812345678901"),
    ])
    func lengthBoundsAreInclusive(text: String, expected: String) throws {
        #expect(try PhoneNumber(text).rawValue == expected)
    }

    @Test(arguments: [
        ("081234567", "phone.length"),
        ("08123456789012", "phone.length"),
        ("+62 812", "phone.length"),
        ("0212345678", "phone.notMobile"),
        ("+14155550100", "phone.notMobile"),
        ("62", "phone.notMobile"),
        ("0812-3456-789O", "phone.digits"),
        ("", "phone.digits"),
    ])
    func invalidNumbersFail(text: String, code: String) {
        #expect(valueErrorCode { try PhoneNumber(text) } == code)
    }

    @Test func descriptionIsMasked() throws {
        let phone = try PhoneNumber("081234567890")
        #expect(phone.description == "+628******890")
        #expect(!"\(phone)".contains("1234567"))
    }

    @Test func jsonRoundTripAndDecodeFailure() throws {
        let phone = try PhoneNumber("0812-3456-7890")
        #expect(try jsonString(phone) == "\"+6281234567890\"")
        #expect(try roundTrip(phone) == phone)
        #expect(throws: DecodingError.self) { try decode(PhoneNumber.self, "\"0212345678\"") }
    }
}
