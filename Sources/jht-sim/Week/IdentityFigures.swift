import Foundation
import Models

/// The in-person identity checks of one purpose (a Lapak Asik interview, a counter check, a
/// face-check fallback) as the participants' buckets hold them at the end of a run.
struct IdentityFigures: Codable, Sendable, Hashable {
    var tickets = 0
    /// Appointments checked in, and missed (expired by the no-show sweep).
    var kept = 0
    var missed = 0
    /// Identity recorded as verified, or as not verified, by the officer in person.
    var verified = 0
    var notVerified = 0
    /// Still to book, booked or checked in at the end.
    var open = 0
    /// The tickets' claims that were paid, and rejected.
    var claimsPaid = 0
    var claimsRejected = 0
    /// The longest wait, in working days, from a ticket's opening to its decision.
    var longestWaitWorkingDays = 0

    mutating func add(_ ticket: FallbackTicket, appointments: [Appointment], claim: Claim, calendar: WorkingDayCalendar) {
        tickets += 1
        let own = appointments.filter { $0.ticketID == ticket.id }
        kept += own.filter { $0.status == .checkedIn || $0.status == .completed }.count
        missed += own.filter { $0.status == .noShow }.count
        switch ticket.status {
        case .verified: verified += 1
        case .rejected: notVerified += 1
        case .open, .booked, .checkedIn, .noShow: open += 1
        case .closed: break
        }
        if claim.status == .paid { claimsPaid += 1 }
        if claim.status == .rejected { claimsRejected += 1 }
        if let decided = ticket.decidedAt {
            let wait = SLAClock(startedAt: ticket.openedAt).workingDaysUsed(
                through: LocalDate(decided, in: .wib),
                zone: .wib,
                calendar: calendar
            )
            longestWaitWorkingDays = max(longestWaitWorkingDays, wait)
        }
    }
}
