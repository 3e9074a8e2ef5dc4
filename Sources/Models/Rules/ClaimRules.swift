/// The claim rules as data. Every default cites its source; operators override them in the
/// server's configuration without touching code.
public struct ClaimRules: Codable, Hashable, Sendable {
    /// Retirement age (Permenaker 4/2022: 56, or as the employment contract says).
    public var retirementAge: Int
    /// Months to wait after the end of work for resignation and termination
    /// (Permenaker 4/2022, Art. 5 and 8: one month).
    public var waitingPeriodMonths: Int
    /// Years of membership before a partial claim (PP 46/2015 Art. 22: 10 years).
    public var partialClaimMinimumYears: Int
    /// Balance above which a tax number (NPWP) is required (DOMAIN.md, "Rules": Rp50,000,000).
    public var taxNumberRequiredAbove: Rupiah
    /// Final tax on the lump sum (PP 68/2009).
    public var tax: TaxTable
    /// The online ceilings and their effective dates.
    public var channels: ChannelRouting

    /// Rules with every value given (see `ClaimRules.standard`).
    public init(
        retirementAge: Int = 56,
        waitingPeriodMonths: Int = 1,
        partialClaimMinimumYears: Int = 10,
        taxNumberRequiredAbove: Rupiah = 50_000_000,
        tax: TaxTable = .pp68of2009,
        channels: ChannelRouting = .standard
    ) {
        self.retirementAge = retirementAge
        self.waitingPeriodMonths = waitingPeriodMonths
        self.partialClaimMinimumYears = partialClaimMinimumYears
        self.taxNumberRequiredAbove = taxNumberRequiredAbove
        self.tax = tax
        self.channels = channels
    }

    /// The rules in force as of 2026.
    public static let standard = ClaimRules()
}
