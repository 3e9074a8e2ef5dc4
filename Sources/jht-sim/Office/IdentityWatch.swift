import Foundation
import Models
import Synchronization

/// What the back office knows of the in-person identity checks its claims wait for.
///
/// A Lapak Asik claim is verified after its video interview, a branch claim after the
/// counter's check of the originals (`claim.identityUnverified` otherwise). Officers do not
/// try: before taking such a claim they look at its ticket, verify it once identity was
/// recorded as verified, reject it when the officer in person could not verify the participant,
/// and otherwise set it aside until the appointment's day (or the next working day, when the
/// participant still has to book), working other claims meanwhile.
final class IdentityWatch: Sendable {
    /// The claim's in-person check as an officer sees it (`GET /v1/office/fallback/tickets/{id}`).
    struct TicketView: Decodable, Sendable {
        struct Ticket: Decodable, Sendable {
            var status: FallbackTicket.Status
            var resolution: String?
        }
        struct Booked: Decodable, Sendable {
            var date: LocalDate
        }
        var ticket: Ticket
        var appointment: Booked?
    }

    /// What the back office does with a claim.
    enum Decision: Hashable, Sendable {
        /// Identity is established: verify the claim.
        case verify
        /// The officer in person could not verify the participant: reject the claim, saying why.
        case reject(reason: String)
        /// Not yet: look at the ticket again on `day` (`nil`: at the next hour's work).
        case wait(until: LocalDate?)
    }

    let calendar: WorkingDayCalendar
    private let state = Mutex<[String: Decision]>([:])

    init(calendar: WorkingDayCalendar) { self.calendar = calendar }

    /// Whether a claim filed through `channel` waits for an in-person check before it is verified.
    static func needsCheck(_ channel: String?) -> Bool {
        channel.flatMap(ClaimChannel.init(rawValue:)).flatMap(IdentityCheck.inPerson(for:)) != nil
    }

    /// The decision for a claim whose ticket reads `view` on `today`; `nil` when it has no ticket.
    static func decision(_ view: TicketView?, today: LocalDate, calendar: WorkingDayCalendar) -> Decision {
        let tomorrow = calendar.workingDay(onOrAfter: today.adding(days: 1))
        guard let view else { return .wait(until: tomorrow) }
        switch view.ticket.status {
        case .verified:
            return .verify
        case .rejected:
            return .reject(reason: view.ticket.resolution ?? "Identity could not be verified in person.")
        case .booked, .checkedIn:
            guard let date = view.appointment?.date, date > today else { return .wait(until: nil) }
            return .wait(until: date)
        case .open, .noShow, .closed:
            return .wait(until: tomorrow)
        }
    }

    /// What is known of `claimID` on `today` without looking: `nil` when the ticket must be read.
    func known(_ claimID: String, today: LocalDate) -> Decision? {
        state.withLock { known in
            switch known[claimID] {
            case .wait(let until?) where until > today: .wait(until: until)
            case .verify: .verify
            default: nil
            }
        }
    }

    /// Remembers what the ticket of `claimID` said.
    func note(_ claimID: String, _ decision: Decision) {
        state.withLock { $0[claimID] = decision }
    }
}
