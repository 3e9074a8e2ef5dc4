import Foundation
import Models
import Sync

/// Where fallback models live in a participant's bucket.
enum FallbackRecords {
    static func key(of ticket: FallbackTicket.ID) -> RecordKey {
        RecordKey(type: FallbackTicket.syncSchema.type, id: ticket.rawValue.uuidString)
    }

    static func key(of appointment: Appointment.ID) -> RecordKey {
        RecordKey(type: Appointment.syncSchema.type, id: appointment.rawValue.uuidString)
    }

    static func claimKey(of claim: Claim.ID) -> RecordKey {
        RecordKey(type: Claim.syncSchema.type, id: claim.rawValue.uuidString)
    }
}
