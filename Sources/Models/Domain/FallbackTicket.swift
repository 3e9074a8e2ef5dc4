import Foundation

/// Opened when face verification fails too often: the participant is offered a branch
/// visit or a video call, and the claim already filled in stays attached.
public struct FallbackTicket: Codable, Hashable, Sendable, Identifiable {
    /// Where the ticket stands, from opened to decided.
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

    /// The ticket's id (one per claim, see `id(forClaim:)`).
    public var id: ID
    /// The participant who needs the visit.
    public var participantID: Participant.ID
    /// The claim that continues after the visit.
    public var claimID: Claim.ID
    /// Open, booked, checked in, verified, ...
    public var status: Status
    /// When too many failed face checks opened it.
    public var openedAt: Date
    /// The active appointment (booked or checked in), if any.
    public var appointmentID: Appointment.ID?
    /// Why identity was rejected, or why the ticket closed.
    public var resolution: String?
    /// The reasons the face checks that opened the ticket failed, for the officer.
    public var failureReasons: [BiometricAttempt.FailureReason]?
    /// When and by whom the participant was checked in (at the counter or in the call).
    public var checkedInAt: Date?
    /// The officer who checked the participant in.
    public var checkedInBy: Officer.ID?
    /// When and by whom identity was decided (verified or rejected).
    public var decidedAt: Date?
    /// The officer who decided the identity check.
    public var decidedBy: Officer.ID?

    /// A ticket with every field given.
    public init(
        id: ID,
        participantID: Participant.ID,
        claimID: Claim.ID,
        status: Status = .open,
        openedAt: Date,
        appointmentID: Appointment.ID? = nil,
        resolution: String? = nil,
        failureReasons: [BiometricAttempt.FailureReason]? = nil,
        checkedInAt: Date? = nil,
        checkedInBy: Officer.ID? = nil,
        decidedAt: Date? = nil,
        decidedBy: Officer.ID? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.status = status
        self.openedAt = openedAt
        self.appointmentID = appointmentID
        self.resolution = resolution
        self.failureReasons = failureReasons
        self.checkedInAt = checkedInAt
        self.checkedInBy = checkedInBy
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}
