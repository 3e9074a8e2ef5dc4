import Foundation

extension FallbackTicket {
    /// Something that moves a ticket: a booking by the participant, a step by an officer, or
    /// the clock (a missed appointment).
    public enum Event: Hashable, Sendable {
        /// An appointment was booked (from open, or again after a no-show).
        case book(Appointment.ID)
        /// The booked appointment was replaced by another.
        case reschedule(Appointment.ID)
        /// The participant cancelled the appointment; the ticket can be booked again.
        case cancelAppointment
        /// The appointment passed without a check-in; the ticket can be booked again.
        case missAppointment
        /// An officer checked the participant in (at the counter or in the call).
        case checkIn(by: Officer.ID, at: Date)
        /// An officer verified the participant's identity; the claim continues.
        case verify(by: Officer.ID, at: Date)
        /// An officer could not verify the participant's identity.
        case reject(by: Officer.ID, reason: String, at: Date)
        /// The claim ended (cancelled); nothing more happens to the ticket.
        case close(reason: String)

        /// A name for audits and problem messages.
        public var name: String {
            switch self {
            case .book: "book"
            case .reschedule: "reschedule"
            case .cancelAppointment: "cancelAppointment"
            case .missAppointment: "missAppointment"
            case .checkIn: "checkIn"
            case .verify: "verify"
            case .reject: "reject"
            case .close: "close"
            }
        }
    }

    /// Whether the participant may book an appointment now.
    public var isBookable: Bool { status == .open || status == .noShow }

    /// Whether the claim's face checks and app submission stay blocked: until an officer
    /// verified the participant (or the ticket closed with its claim).
    public var blocksApp: Bool { status != .verified && status != .closed }

    /// The ticket after `event`.
    /// - Throws: ``FallbackError`` when the event does not apply; the ticket is unchanged.
    public func applying(_ event: Event) throws(FallbackError) -> FallbackTicket {
        var next = self
        switch (event, status) {
        case (.book(let appointment), .open), (.book(let appointment), .noShow):
            next.status = .booked
            next.appointmentID = appointment
        case (.reschedule(let appointment), .booked):
            next.appointmentID = appointment
        case (.cancelAppointment, .booked):
            next.status = .open
            next.appointmentID = nil
        case (.missAppointment, .booked):
            next.status = .noShow
            next.appointmentID = nil
        case (.checkIn(let officer, let date), .booked):
            next.status = .checkedIn
            next.checkedInBy = officer
            next.checkedInAt = date
        case (.verify(let officer, let date), .checkedIn):
            next.status = .verified
            next.decidedBy = officer
            next.decidedAt = date
        case (.reject(let officer, let reason, let date), .checkedIn):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .invalidInput("Give the reason identity could not be verified.")
            }
            next.status = .rejected
            next.decidedBy = officer
            next.decidedAt = date
            next.resolution = reason
        case (.close(let reason), .open), (.close(let reason), .booked), (.close(let reason), .noShow):
            next.status = .closed
            next.appointmentID = nil
            next.resolution = reason
        default:
            throw .invalidTransition(from: status, event: event.name)
        }
        return next
    }
}
