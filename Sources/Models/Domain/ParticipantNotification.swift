import Foundation

/// A message to a participant: status changes, delays with their cause and a new estimated
/// payment date, requests to fix something.
public struct ParticipantNotification: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case statusChanged
        case correctionRequested
        case slaAtRisk
        case paymentFailed
        case problemUpdate
        case appointmentBooked
        case surveyInvitation
    }

    public var id: ID
    public var participantID: Participant.ID
    public var claimID: Claim.ID?
    public var kind: Kind
    public var title: String
    public var body: String
    /// A revised estimate of the payment date, when a delay is announced.
    public var estimatedPaymentDate: LocalDate?
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: ID,
        participantID: Participant.ID,
        claimID: Claim.ID?,
        kind: Kind,
        title: String,
        body: String,
        estimatedPaymentDate: LocalDate? = nil,
        createdAt: Date,
        readAt: Date? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.kind = kind
        self.title = title
        self.body = body
        self.estimatedPaymentDate = estimatedPaymentDate
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
