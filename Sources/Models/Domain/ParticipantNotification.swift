import Foundation

/// A message to a participant: status changes, delays with their cause and a new estimated
/// payment date, requests to fix something.
public struct ParticipantNotification: Codable, Hashable, Sendable, Identifiable {
    /// What the notice is about.
    public enum Kind: String, Codable, Hashable, Sendable {
        case statusChanged
        case correctionRequested
        case slaAtRisk
        case paymentFailed
        case problemUpdate
        case appointmentBooked
        case surveyInvitation
    }

    /// The notice's id.
    public var id: ID
    /// The participant it is for.
    public var participantID: Participant.ID
    /// The claim it is about, if any.
    public var claimID: Claim.ID?
    /// A status change, a correction asked, a delay, ...
    public var kind: Kind
    /// The headline.
    public var title: String
    /// What happened and what to do.
    public var body: String
    /// A revised estimate of the payment date, when a delay is announced.
    public var estimatedPaymentDate: LocalDate?
    /// When the notice was written.
    public var createdAt: Date
    /// When the participant read it.
    public var readAt: Date?

    /// A notice with every field given.
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
