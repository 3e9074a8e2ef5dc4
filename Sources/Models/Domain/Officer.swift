/// A branch officer. Every service officer is trained for every claim type (no JHT unit),
/// so roles are what they may do, not what they know.
public struct Officer: Codable, Hashable, Sendable, Identifiable {
    public var id: ID
    public var name: String
    /// Officers sign in with an employee number.
    public var employeeNumber: String
    public var branchID: Branch.ID
    public var roles: Set<OfficerRole>
    /// The work phone sign-in codes go to.
    public var phone: PhoneNumber?

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

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
