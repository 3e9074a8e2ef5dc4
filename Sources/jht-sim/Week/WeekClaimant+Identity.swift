import Foundation
import Models
import PhoneSync
import Sync

extension WeekClaimant {
    /// A Lapak Asik claim is verified only after its video interview, a counter claim after
    /// the counter's identity check (DESIGN.md, "Money"): the server opens the claim's ticket on
    /// submit; when it reaches the phone, the person books the interview (a video call) or the
    /// counter visit, and the appointment desk serves it on its day: a walk-in, standing at the
    /// counter, takes today's queue. A server that opens no ticket lets the claim go on without
    /// one; the report counts both.
    func identityCheck(ledger: WeekLedger) async throws {
        try await journey.main.sync()
        let ticket = try identityTicket()
        ledger.identityCheck(ticketOpened: ticket != nil)
        guard let ticket else { return }
        let today = arrival == .counter && ticket.effectivePurpose == .counterCheck ? LocalDate(context.now(), in: .wib) : nil
        try await journey.bookFallback(Self.appointmentKind(for: ticket), from: today)
    }

    /// The claim's ticket as the phone shows it, if it has one.
    func identityTicket() throws -> FallbackTicket? {
        let key = RecordKey(type: FallbackTicket.syncSchema.type, id: FallbackTicket.id(forClaim: .init(claimID)).rawValue.uuidString)
        return try journey.main.client.store.localRecord(key).flatMap { try? $0.decode(as: FallbackTicket.self) }
    }

    /// The one kind of appointment that serves the ticket (a video call for a Lapak Asik
    /// interview, a branch visit for a counter check); `nil` when either does (a face-check
    /// fallback: the person chooses).
    static func appointmentKind(for ticket: FallbackTicket) -> Appointment.Kind? {
        let kinds = ticket.effectivePurpose.appointmentKinds
        return kinds.count == 1 ? kinds.first : nil
    }
}
