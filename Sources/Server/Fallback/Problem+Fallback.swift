import Foundation
import HTTPTypes
import Models
import Sync

extension Problem {
    /// A ticket books only the appointments that can serve its purpose.
    static func appointmentKind(_ purpose: FallbackTicket.Purpose) -> Problem {
        let detail =
            switch purpose {
            case .videoInterview: "A Lapak Asik claim's interview is a video call: book a video-call slot."
            case .counterCheck: "A branch claim's identity check is at the counter: book a branch visit."
            case .faceCheckFallback: "Book a branch visit or a video call."
            }
        return Problem(status: .conflict, code: "appointment.kindNotAllowed", title: "Another kind of appointment", detail: detail)
    }

    static let ticketNotFound = Problem(status: .notFound, code: "ticket.notFound", title: "No such fallback ticket")

    static let ticketClaimClosed = Problem(
        status: .conflict,
        code: "ticket.claimClosed",
        title: "The claim has ended",
        detail: "The claim of this ticket was cancelled or decided; there is nothing to book."
    )

    static let alreadyBooked = Problem(
        status: .conflict,
        code: "appointment.alreadyBooked",
        title: "Already booked",
        detail: "This ticket already has an appointment. Reschedule it (PUT) or cancel it (DELETE) first."
    )

    static let otherBranch = Problem(
        status: .forbidden,
        code: "fallback.otherBranch",
        title: "Another branch's appointment",
        detail: "Only officers of the branch the appointment is booked at can check the participant in or decide."
    )

    static let csoRequired = Problem(
        status: .forbidden,
        code: "fallback.roleRequired",
        title: "Customer service officers only",
        detail: "Checking a participant in and verifying identity need the cso role."
    )

    /// A refusal by the ticket's state machine or the scheduling rules.
    init(fallback error: FallbackError) {
        var extra: [String: JSONValue] = [:]
        let status: HTTPResponse.Status
        switch error {
        case .invalidTransition:
            status = .conflict
        case .dayOff(_, _, let next):
            status = .badRequest
            extra["nextWorkingDay"] = .string(next.description)
        case .invalidInput, .tooSoon, .tooFar, .outsideHours:
            status = .badRequest
        }
        self.init(status: status, code: error.code, title: "This step is not possible", detail: error.message, extra: extra)
    }

    /// Every requested place is full; names the next free one.
    static func appointmentFull(_ kind: Appointment.Kind, requested: LocalDate, branch: Branch, next: AppointmentPlace?) -> Problem {
        let what =
            kind == .branchVisit ? "\(requested) is fully booked at \(branch.name)" : "No video-call slot is free as asked on \(requested)"
        var extra: [String: JSONValue] = [:]
        var detail: String
        if let next {
            extra["nextFreeDate"] = .string(next.date.description)
            detail = "\(what). The next free day is \(next.date)."
            if let start = next.slotStart {
                let text = ISO8601DateFormatter().string(from: start)
                extra["nextFreeStartsAt"] = .string(text)
                detail = "\(what). The next free slot starts at \(text)."
            }
        } else {
            detail = "\(what), and so is every day that can be booked now. Try again later or pick another branch."
        }
        return Problem(status: .conflict, code: "appointment.full", title: "Fully booked", detail: detail, extra: extra)
    }
}
