import Foundation

/// Opened when face verification fails too often: the participant is offered a branch
/// visit or a video call, and the claim already filled in stays attached.
public struct FallbackTicket: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        /// Waiting for the participant to book.
        case open
        case booked
        case checkedIn
        /// Identity verified by an officer; the claim continues in the workflow.
        case verified
        /// Identity not verified; the reason is kept.
        case rejected
        /// The appointment was missed; the ticket can be booked again.
        case noShow
        case closed
    }

    public var id: ID
    public var participantID: Participant.ID
    public var claimID: Claim.ID
    public var status: Status
    public var openedAt: Date
    public var appointmentID: Appointment.ID?
    public var resolution: String?

    public init(
        id: ID,
        participantID: Participant.ID,
        claimID: Claim.ID,
        status: Status = .open,
        openedAt: Date,
        appointmentID: Appointment.ID? = nil,
        resolution: String? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.status = status
        self.openedAt = openedAt
        self.appointmentID = appointmentID
        self.resolution = resolution
    }
}
