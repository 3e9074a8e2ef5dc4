import Foundation
import Models
import PhoneSync
import Sync

extension WeekClaimant {
    /// A Lapak Asik claim is verified only after its video interview, a counter claim after
    /// the counter's identity check (DESIGN.md, "Money"). This assumes the server will hold such
    /// a claim with an identity ticket like the fallback tickets, opened on submit: when one
    /// reaches the phone, the person books the interview (a video call) or the counter visit,
    /// and the appointment desk serves it on its day. A server that opens no ticket lets the
    /// claim go on without one; the report counts both.
    func identityCheck(ledger: WeekLedger) async throws {
        try await journey.main.sync()
        let key = RecordKey(type: FallbackTicket.syncSchema.type, id: FallbackTicket.id(forClaim: .init(claimID)).rawValue.uuidString)
        let opened = try journey.main.client.store.localRecord(key) != nil
        ledger.identityCheck(ticketOpened: opened)
        if opened { try await journey.bookFallback(arrival == .lapakAsik ? .videoCall : .branchVisit) }
    }
}
