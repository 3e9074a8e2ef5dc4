import Foundation
import Sync
import Testing

/// Every kind of JSON value reads back as itself: integers stay exact (money is whole rupiah),
/// a string of digits stays a string, `true` is not the number 1, and what the fuzzer found holds.
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

    private func reread(_ text: String) throws -> JSONValue {
        try JSONCoding.decoder.decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Found by fuzzing: `-0.0` was kept as a double, written `-0`, and read back as the integer 0,
    /// so a push's encoded form changed between two round trips.
    @Test func wholeNumbersWrittenAsFractionsAreIntegers() throws {
        #expect(try reread("-0.0") == .int(0))
        #expect(try reread("1.0") == .int(1))
        #expect(try reread("1e3") == .int(1_000))
        #expect(try reread("9.223372036854776e+15") == .int(9_223_372_036_854_776))
        #expect(try reread("0.5") == .double(0.5))
        #expect(try reread("1e300") == .double(1e300), "beyond Int64, a double stays a double")
    }

    @Test func everyValueReadsBackAsItself() throws {
        let values: [JSONValue] = [
            .int(-0), .double(0.25), .double(-1.5e-7), .int(.max), .int(.min), .object(["a": .array([.null, true])]),
        ]
        for value in values {
            let text = String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
            #expect(try reread(text) == value, "\(text)")
        }
    }
}
