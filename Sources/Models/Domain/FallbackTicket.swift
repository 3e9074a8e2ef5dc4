import Foundation

/// An identity check in person for one claim: opened when face verification fails too often
/// (the participant is offered a branch visit or a video call, and the claim already filled in
/// stays attached), or when a claim is filed through Lapak Asik (a video interview) or at a
/// branch (the counter's identity check).
public struct FallbackTicket: Codable, Hashable, Sendable, Identifiable {
    /// Why the participant's identity is checked in person.
    public enum Purpose: String, Codable, Hashable, Sendable, CaseIterable {
        /// Face verification in the app failed too often: a branch visit or a video call.
        case faceCheckFallback
        /// A Lapak Asik claim: the video-call interview in which the participant shows the originals.
        case videoInterview
        /// A branch claim: the counter's check of the originals.
        case counterCheck

        /// The appointments that can serve it.
        public var appointmentKinds: Set<Appointment.Kind> {
            switch self {
            case .faceCheckFallback: [.branchVisit, .videoCall]
            case .videoInterview: [.videoCall]
            case .counterCheck: [.branchVisit]
            }
        }
    }

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
    /// Why the ticket exists; `nil` on tickets opened before there were other purposes (a
    /// face-check fallback).
    public var purpose: Purpose?

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
        decidedBy: Officer.ID? = nil,
        purpose: Purpose? = nil
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
        self.purpose = purpose
    }

    /// Why the ticket exists.
    public var effectivePurpose: Purpose { purpose ?? .faceCheckFallback }
}
