import Foundation
import Models
import Sync
import Testing

/// Every value a phone writes is checked by the rules the rest of the service uses, and every
/// field a phone may write declares what it must be.
@Suite("Field formats")
struct FieldFormatTests {
    /// (format, value, the rejection code, or nil when accepted)
    static let cases: [(FieldFormat, JSONValue, String?)] = [
        (.taxNumber, "12.345.678.9-012.345", nil),
        (.taxNumber, "3273015205900001", nil),
        (.taxNumber, "12345", "taxNumber.length"),
        (.taxNumber, "12.345.678.9-012.34x", "taxNumber.digits"),
        (.taxNumber, .null, nil),
        (.taxNumber, 123_456_789_012_345, "field.invalid"),
        (.phone, "0812-3456-7890", nil),
        (.phone, "+62 21 555 1234", "phone.notMobile"),
        (.email, "siti@example.co.id", nil),
        (.email, "siti at example", "email.shape"),
        (.language, "su", nil),
        (.language, "fr", "field.invalid"),
        (.language, .null, "field.required"),
        (.claimReason, "resignation", nil),
        (.claimReason, "RESIGNATION", "field.invalid"),
        (.claimChannel, "lapakAsik", nil),
        (.claimChannel, "post", "field.invalid"),
        (.timestamp, "2026-12-03T10:00:00Z", nil),
        (.timestamp, "yesterday", "field.invalid"),
        (.bankAccount, .object(["bankCode": "014", "number": "1234567890", "holderName": "SITI RAHAYU"]), nil),
        (.bankAccount, .object(["bankCode": "014", "number": "123456789", "holderName": "SITI RAHAYU"]), "bankAccount.length"),
        (.bankAccount, .object(["bankCode": "999", "number": "1234567890", "holderName": "SITI"]), "bank.unknown"),
        (.bankAccount, .object(["bankCode": "014", "number": "1234567890", "holderName": "SITI\u{0007}"]), "bankAccount.holder"),
        (
            .bankAccount, .object(["bankCode": "014", "number": "1234567890", "holderName": .string(String(repeating: "A", count: 101))]),
            "bankAccount.holder"
        ),
        (.bankAccount, "1234567890", "field.invalid"),
    ]

    @Test(arguments: cases.indices)
    func aValueIsCheckedByTheModelsRules(_ index: Int) {
        let (format, value, code) = Self.cases[index]
        let rejection = format.rejection(of: value, field: "f")
        #expect(rejection?.code == code, "\(format) \(value)")
        if let rejection {
            #expect(rejection.fields == ["f"])
            #expect(!rejection.message.isEmpty)
        }
    }

    /// A field a phone can write (last-writer-wins, alone or under a lock) has a format, so no
    /// value reaches a record unchecked.
    @Test func everyFieldAPhoneWritesDeclaresItsFormat() {
        for schema in RecordSchemas.all.values {
            for (field, policy) in schema.fields where policy.underlying == .lastWriterWins {
                #expect(schema.formats[field] != nil, "\(schema.type).\(field)")
            }
            #expect(Set(schema.formats.keys).isSubset(of: Set(schema.fields.keys)), "\(schema.type) declares formats of unknown fields")
        }
    }

    @Test func recordIdsAreUUIDsInEitherCaseAndStoredInUpperCase() {
        let id = UUID()
        let lower = RecordKey(type: "claim", id: id.uuidString.lowercased())
        #expect(lower.canonical == RecordKey(type: "claim", id: id.uuidString))
        #expect(RecordKey(type: "claim", id: "not-a-uuid").canonical == nil)
        #expect(RecordKey(type: "nope", id: id.uuidString).canonical == nil)
        #expect(RecordKey(type: "branch", id: "BDG-SUCI").canonical == RecordKey(type: "branch", id: "BDG-SUCI"))
    }
}
