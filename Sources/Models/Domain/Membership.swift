/// A participant's JHT membership: whether contributions still run, and the balance.
public struct Membership: Codable, Hashable, Sendable {
    /// Active while an employer reports and pays contributions.
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case active
        case inactive
    }

    /// Active while employed; inactive once the employer reported the end of work.
    public var status: Status
    /// The last employer.
    public var employerName: String
    /// The first day of membership.
    public var memberSince: LocalDate
    /// The last day of work, as reported by the employer; `nil` while employed.
    public var endOfWorkDate: LocalDate?
    /// The JHT balance: contributions plus returns; confidential.
    public var balance: Rupiah
    /// Whether a partial (10% or 30%) claim was already paid; it can be taken once.
    public var partialClaimTaken: Bool
    /// Whether a tax number (NPWP) is on file.
    public var hasTaxNumber: Bool

    /// A membership with every field given.
    public init(
        status: Status,
        employerName: String,
        memberSince: LocalDate,
        endOfWorkDate: LocalDate? = nil,
        balance: Rupiah,
        partialClaimTaken: Bool = false,
        hasTaxNumber: Bool = false
    ) {
        self.status = status
        self.employerName = employerName
        self.memberSince = memberSince
        self.endOfWorkDate = endOfWorkDate
        self.balance = balance
        self.partialClaimTaken = partialClaimTaken
        self.hasTaxNumber = hasTaxNumber
    }

    /// Whole years of membership on `date`.
    public func yearsOfMembership(on date: LocalDate) -> Int { max(0, memberSince.years(until: date)) }
}
