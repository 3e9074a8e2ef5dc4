import Foundation

/// A booked branch visit or video-call interview for a fallback ticket.
public struct Appointment: Codable, Hashable, Sendable, Identifiable {
    /// A visit to the branch counter, or a video call.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// At the branch counter, with a queue number.
        case branchVisit
        /// A Lapak Asik style video call, Mon-Fri 06:00-17:00 WIB.
        case videoCall
    }

    /// Where the appointment stands.
    public enum Status: String, Codable, Hashable, Sendable {
        case booked
        case cancelled
        case checkedIn
        case noShow
        case completed
    }

    /// The appointment's id.
    public var id: ID
    /// The fallback ticket it was booked for.
    public var ticketID: FallbackTicket.ID
    /// The participant who comes.
    public var participantID: Participant.ID
    /// A branch visit or a video call.
    public var kind: Kind
    /// The branch of a branch visit.
    public var branchID: Branch.ID?
    /// The local date of the appointment in the branch's (or WIB for video) time zone.
    public var date: LocalDate
    /// The start of the slot.
    public var startsAt: Date
    /// When the slot ends.
    public var endsAt: Date
    /// The order of booking for that branch and day, 1-based.
    public var queueNumber: Int
    /// Booked, completed, missed or cancelled.
    public var status: Status
    /// When it was booked.
    public var bookedAt: Date

    /// An appointment with every field given.
    public init(
        id: ID,
        ticketID: FallbackTicket.ID,
        participantID: Participant.ID,
        kind: Kind,
        branchID: Branch.ID?,
        date: LocalDate,
        startsAt: Date,
        endsAt: Date,
        queueNumber: Int,
        status: Status = .booked,
        bookedAt: Date
    ) {
        self.id = id
        self.ticketID = ticketID
        self.participantID = participantID
        self.kind = kind
        self.branchID = branchID
        self.date = date
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.queueNumber = queueNumber
        self.status = status
        self.bookedAt = bookedAt
    }
}
