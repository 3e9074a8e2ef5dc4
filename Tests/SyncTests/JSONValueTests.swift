import Foundation
import Sync
import Testing

/// Every kind of JSON value reads back as itself: integers stay exact (money is whole rupiah),
/// a string of digits stays a string, and `true` is not the number 1.
@Suite("JSON values")
struct JSONValueTests {
    @Test func everyKindOfValueDecodesAsItself() throws {
        let text = """
            {"amount": 9007199254740993, "ratio": 0.25, "digits": "3273015205900001", "flag": true, "one": 1,
             "none": null, "list": ["a", 2, false], "nested": {"x": -3}}
            """
        let value = try JSONCoding.decoder.decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "amount": .int(9_007_199_254_740_993), "ratio": .double(0.25), "digits": .string("3273015205900001"),
                    "flag": .bool(true), "one": .int(1), "none": .null, "list": .array([.string("a"), .int(2), .bool(false)]),
                    "nested": .object(["x": .int(-3)]),
                ])
        )
        #expect(try JSONCoding.decoder.decode(JSONValue.self, from: JSONCoding.encoder.encode(value)) == value)
    }
}
