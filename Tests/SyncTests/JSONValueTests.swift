import Foundation
import Sync
import Testing

/// JSON values read back as what was written, including what the fuzzer found.
@Suite("JSON values")
struct JSONValueTests {
    private func reread(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
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
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            #expect(try reread(text) == value, "\(text)")
        }
    }
}
