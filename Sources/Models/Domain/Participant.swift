import Foundation

/// A worker who holds a JHT account: identity, contact and where they are served.
public struct Participant: Codable, Hashable, Sendable, Identifiable {
    /// The participant's id.
    public var id: ID
    /// National identity number; confidential.
    public var nik: NIK
    /// Participant card number; confidential.
    public var kpj: KPJ
    /// The name as on the ID card.
    public var name: String
    /// Date of birth, from the NIK (the civil registry is the authority).
    public var birthDate: LocalDate
    /// Sex, from the NIK.
    public var sex: Sex
    /// The mobile number sign-in codes go to.
    public var phone: PhoneNumber?
    /// The email address, if given.
    public var email: EmailAddress?
    /// The branch that serves the participant.
    public var branchID: Branch.ID
    /// When the data update (pengkinian data, e-KYC with a selfie) was completed.
    public var dataUpdateCompletedAt: Date?

    /// A participant with every field given.
    public init(
        id: ID,
        nik: NIK,
        kpj: KPJ,
        name: String,
        birthDate: LocalDate? = nil,
        sex: Sex? = nil,
        phone: PhoneNumber? = nil,
        email: EmailAddress? = nil,
        branchID: Branch.ID,
        dataUpdateCompletedAt: Date? = nil,
        today: LocalDate = LocalDate(Date(), in: .wib)
    ) {
        self.id = id
        self.nik = nik
        self.kpj = kpj
        self.name = name
        self.birthDate = birthDate ?? nik.birthDate(relativeTo: today)
        self.sex = sex ?? nik.sex
        self.phone = phone
        self.email = email
        self.branchID = branchID
        self.dataUpdateCompletedAt = dataUpdateCompletedAt
    }

    /// Whether the data update is done (one of the three ticks before an app claim).
    public var isDataUpdateDone: Bool { dataUpdateCompletedAt != nil }
}
