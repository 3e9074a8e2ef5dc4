import Foundation

/// The participant's membership as the phone syncs it: status, end of work and the balance the
/// ledger holds. Only the server writes it, in the same transaction as every ledger entry, so
/// the phone shows the balance offline as the office sees it.
public struct MembershipStatement: Codable, Hashable, Sendable {
    /// Whose membership it is (also the record's id).
    public var participantID: Participant.ID
    /// Active while an employer reports and pays contributions.
    public var status: Membership.Status
    /// The last employer.
    public var employerName: String
    /// The first day of membership.
    public var memberSince: LocalDate
    /// The last day of work, as reported by the employer.
    public var endOfWorkDate: LocalDate?
    /// The JHT balance from the ledger; confidential.
    public var balance: Rupiah
    /// Whether a partial (10% or 30%) claim was paid.
    public var partialClaimTaken: Bool
    /// Whether a tax number (NPWP) is on file.
    public var hasTaxNumber: Bool

    /// The statement of `membership` (its balance already the ledger's).
    public init(participantID: Participant.ID, membership: Membership) {
        self.participantID = participantID
        self.status = membership.status
        self.employerName = membership.employerName
        self.memberSince = membership.memberSince
        self.endOfWorkDate = membership.endOfWorkDate
        self.balance = membership.balance
        self.partialClaimTaken = membership.partialClaimTaken
        self.hasTaxNumber = membership.hasTaxNumber
    }
}

extension MembershipStatement: SyncedModel {
    /// Server-owned, one per participant (id = participant id).
    public static let syncSchema = RecordSchema(
        type: "membership",
        fields: [
            "participantID": .serverOwned, "status": .serverOwned, "employerName": .serverOwned, "memberSince": .serverOwned,
            "endOfWorkDate": .serverOwned, "balance": .serverOwned, "partialClaimTaken": .serverOwned, "hasTaxNumber": .serverOwned,
        ]
    )

    /// The participant's id: one statement per participant.
    public var recordID: String { participantID.rawValue.uuidString }
}
