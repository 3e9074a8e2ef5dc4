import Foundation
import Models
import Testing

@Suite("Rupiah")
struct RupiahTests {
    @Test func arithmeticAndOrdering() {
        let a: Rupiah = 15_000_000
        let b = Rupiah(2_500_000)
        #expect(a + b == Rupiah(17_500_000))
        #expect(a - b == 12_500_000)
        #expect(b - a == Rupiah(-12_500_000))
        #expect(b < a)
        #expect(!(a < a))
        #expect(Rupiah.zero == 0)
        #expect([a, .zero, b].sorted() == [.zero, b, a])
    }

    @Test(arguments: [
        // (amount, numerator, denominator, expected): rounded half up to the rupiah
        (100 as Int64, 1 as Int64, 3 as Int64, 33 as Int64),
        (200, 1, 3, 67),
        (5, 1, 2, 3),
        (15, 1, 10, 2),
        (14, 1, 10, 1),
        (1_000_000_001, 10, 100, 100_000_000),
        (1_000_000_005, 10, 100, 100_000_001),
        (100_000_000, 500, 10_000, 5_000_000),
        (0, 30, 100, 0),
        (9_000_000_000_000_000_000, 30, 100, 2_700_000_000_000_000_000),
        (-15, 1, 10, -1),
        (-16, 1, 10, -2),
        (-14, 1, 10, -1),
        (-5, 1, 2, -2),
    ])
    func fractionRoundsHalfUp(amount: Int64, numerator: Int64, denominator: Int64, expected: Int64) {
        #expect(Rupiah(amount).fraction(numerator, over: denominator) == Rupiah(expected))
    }

    @Test(arguments: [
        (0 as Int64, "Rp0"),
        (999, "Rp999"),
        (1_000, "Rp1.000"),
        (15_000_000, "Rp15.000.000"),
        (1_234_567, "Rp1.234.567"),
        (100_000_000_000, "Rp100.000.000.000"),
        (-2_500, "-Rp2.500"),
    ])
    func indonesianNotation(amount: Int64, text: String) {
        #expect(Rupiah(amount).description == text)
    }

    @Test func encodesAsABareInteger() throws {
        #expect(try jsonString(Rupiah(15_000_000)) == "15000000")
        #expect(try decode(Rupiah.self, "15000000") == 15_000_000)
        #expect(throws: DecodingError.self) { try decode(Rupiah.self, "\"15000000\"") }
        #expect(throws: DecodingError.self) { try decode(Rupiah.self, "1.5") }
    }
}
