/// Final income tax on a JHT lump sum.
///
/// Source: PP 68/2009 (and PMK 16/PMK.03/2010): 0% on gross up to Rp50,000,000 and 5% on the
/// part above, when paid within two calendar years; a recipient without a tax number (NPWP)
/// pays 20% more (UU PPh Art. 21(5a)).
public struct TaxTable: Codable, Hashable, Sendable {
    /// A band of the gross amount taxed at one rate.
    public struct Bracket: Codable, Hashable, Sendable {
        /// The band's upper bound, inclusive; `nil` for the open top band.
        public var upTo: Rupiah?
        /// The rate in basis points (1% = 100).
        public var rateBasisPoints: Int64

        /// A bracket up to `upTo` (no limit when `nil`) taxed at `rateBasisPoints` (500 is 5%).
        public init(upTo: Rupiah?, rateBasisPoints: Int64) {
            self.upTo = upTo
            self.rateBasisPoints = rateBasisPoints
        }
    }

    /// The brackets, lowest first.
    public var brackets: [Bracket]
    /// The surcharge without a tax number, in percent of the tax (20).
    public var surchargeWithoutTaxNumberPercent: Int64

    /// A table of brackets and the surcharge without a tax number.
    public init(brackets: [Bracket], surchargeWithoutTaxNumberPercent: Int64) {
        self.brackets = brackets
        self.surchargeWithoutTaxNumberPercent = surchargeWithoutTaxNumberPercent
    }

    /// PP 68/2009 as in force.
    public static let pp68of2009 = TaxTable(
        brackets: [Bracket(upTo: 50_000_000, rateBasisPoints: 0), Bracket(upTo: nil, rateBasisPoints: 500)],
        surchargeWithoutTaxNumberPercent: 20
    )

    /// The tax on `gross`, rounded half up to the rupiah.
    public func tax(on gross: Rupiah, hasTaxNumber: Bool) -> Rupiah {
        var total = Rupiah.zero
        var lower = Rupiah.zero
        for bracket in brackets where gross > lower {
            let upper = bracket.upTo.map { min($0, gross) } ?? gross
            total = total + (upper - lower).fraction(bracket.rateBasisPoints, over: 10_000)
            lower = upper
        }
        return hasTaxNumber ? total : total + total.fraction(surchargeWithoutTaxNumberPercent, over: 100)
    }
}
