import Foundation

/// The participant's membership as the phone syncs it: status, end of work and the balance the
/// ledger holds. Only the server writes it, in the same transaction as every ledger entry, so
/// the phone shows the balance offline as the office sees it.
public struct MembershipStatement: Codable, Hashable, Sendable {
    public var participantID: Participant.ID
    public var status: Membership.Status
    public var employerName: String
    public var memberSince: LocalDate
    public var endOfWorkDate: LocalDate?
    /// The JHT balance from the ledger; confidential.
    public var balance: Rupiah
    public var partialClaimTaken: Bool
    public var hasTaxNumber: Bool

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

    public var recordID: String { participantID.rawValue.uuidString }
}
