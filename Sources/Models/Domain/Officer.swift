/// A branch officer. Every service officer is trained for every claim type (no JHT unit),
/// so roles are what they may do, not what they know.
public struct Officer: Codable, Hashable, Sendable, Identifiable {
    /// The officer's id.
    public var id: ID
    /// The officer's name.
    public var name: String
    /// Officers sign in with an employee number.
    public var employeeNumber: String
    /// The branch the officer works at.
    public var branchID: Branch.ID
    /// The roles held (CSO, back office, head of service, finance).
    public var roles: Set<OfficerRole>
    /// The work phone sign-in codes go to.
    public var phone: PhoneNumber?

    /// An officer with every field given.
    public init(
        id: ID,
        name: String,
        employeeNumber: String,
        branchID: Branch.ID,
        roles: Set<OfficerRole>,
        phone: PhoneNumber? = nil
    ) {
        self.id = id
        self.name = name
        self.employeeNumber = employeeNumber
        self.branchID = branchID
        self.roles = roles
        self.phone = phone
    }
}

/// The layers of the office workflow (DOMAIN.md, "The workflow inside the office").
public enum OfficerRole: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Customer service officer: completeness of documents, bank account validity.
    case cso
    /// Back office: balance and data match.
    case backOffice
    /// Head of service (Kepala Bidang Pelayanan): approval.
    case headOfService
    /// Finance: the last check and payment.
    case finance

    /// Whether `lhs` comes before `rhs` in the order of the office's steps (CSO first, finance last).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
