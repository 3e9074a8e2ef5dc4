/// An amount of money in whole rupiah, stored as a 64-bit integer (DOMAIN.md, "Data formats").
///
/// Encodes as a bare integer. Balances are confidential: never put one in a log line.
public struct Rupiah: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in whole rupiah.
    public var amount: Int64

    /// Wraps an amount.
    public init(_ amount: Int64) { self.amount = amount }

    /// Zero rupiah.
    public static let zero = Rupiah(0)

    /// Whether `lhs` is the smaller amount.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.amount < rhs.amount }
    /// The sum.
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.amount + rhs.amount) }
    /// The difference.
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.amount - rhs.amount) }

    /// The amount times `numerator / denominator`, rounded half up to a whole rupiah.
    public func fraction(_ numerator: Int64, over denominator: Int64) -> Rupiah {
        let product = amount.multipliedFullWidth(by: numerator)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        // Division truncates toward zero, so a negative remainder rounds toward -infinity
        // when it is more than half (-1.6 -> -2, -1.5 -> -1); written to avoid overflow.
        if remainder > 0, remainder >= denominator - remainder { return Rupiah(quotient + 1) }
        if remainder < 0, -remainder > denominator + remainder { return Rupiah(quotient - 1) }
        return Rupiah(quotient)
    }

    /// Indonesian notation, for example `Rp15.000.000`.
    public var description: String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (amount < 0 ? "-Rp" : "Rp") + grouped
    }

    /// Decodes whole rupiah from an integer.
    public init(from decoder: any Decoder) throws {
        self.amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes whole rupiah as an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }
}

extension Rupiah: ExpressibleByIntegerLiteral {
    /// An amount from an integer literal.
    public init(integerLiteral value: Int64) { self.amount = value }
}
