import Foundation

/// A booked branch visit or video-call interview for a fallback ticket.
public struct Appointment: Codable, Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// At the branch counter, with a queue number.
        case branchVisit
        /// A Lapak Asik style video call, Mon-Fri 06:00-17:00 WIB.
        case videoCall
    }

    public enum Status: String, Codable, Hashable, Sendable {
        case booked
        case cancelled
        case checkedIn
        case noShow
        case completed
    }

    public var id: ID
    public var ticketID: FallbackTicket.ID
    public var participantID: Participant.ID
    public var kind: Kind
    public var branchID: Branch.ID?
    /// The local date of the appointment in the branch's (or WIB for video) time zone.
    public var date: LocalDate
    /// The start of the slot.
    public var startsAt: Date
    public var endsAt: Date
    /// The order of booking for that branch and day, 1-based.
    public var queueNumber: Int
    public var status: Status
    public var bookedAt: Date

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
