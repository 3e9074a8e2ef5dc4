import Foundation
import Models
import Testing

@Suite("EmailAddress")
struct EmailAddressTests {
    @Test func domainIsLowerCasedAndLocalPartKept() throws {
        let email = try EmailAddress("  Budi.Santoso@Example.CO.ID ")
        #expect(email.rawValue == "Budi.Santoso@example.co.id")
    }

    @Test(arguments: [
        "budi", "budi@", "@example.co.id", "budi@example", "budi@.example.id", "budi@example.", "bu di@example.id", "a@b@c.id", "",
    ])
    func badShapesFail(text: String) {
        #expect(valueErrorCode { try EmailAddress(text) } == "email.shape")
    }

    @Test func descriptionHidesTheLocalPart() throws {
        let email = try EmailAddress("budi@example.co.id")
        #expect(email.description == "***@example.co.id")
        #expect(!"\(email)".contains("budi"))
    }

    @Test func jsonRoundTripAndDecodeFailure() throws {
        let email = try EmailAddress("budi@example.co.id")
        #expect(try roundTrip(email) == email)
        #expect(throws: DecodingError.self) { try decode(EmailAddress.self, "\"not-an-address\"") }
    }
}
