import Foundation
import HTTPTypes
import Models
import Sync

extension IdentityCheck {
    /// Whether `claim`'s identity is established, from what its participant's bucket holds:
    /// a passed face check (or the completed data update), and the claim's in-person check with
    /// the appointment it was verified in.
    static func isEstablished(for claim: Claim, account: ParticipantAccount, records: [RecordKey: SyncRecord]) -> Bool {
        let ticket = try? IntentHandler.fallbackTicket(for: claim.id, in: records)
        let verifiedIn = ticket?.appointmentID.flatMap { id in
            try? records[FallbackRecords.key(of: id)]?.decode(as: Appointment.self).kind
        }
        let faceCheckPassed =
            account.participant.isDataUpdateDone || IntentHandler.attempts(in: records).contains { $0.result == .passed }
        return isEstablished(channel: claim.channel, faceCheckPassed: faceCheckPassed, ticket: ticket, verifiedIn: verifiedIn)
    }
}

extension Problem {
    /// The back office verifies a claim only once its participant's identity is established.
    static func identityUnverified(_ claim: Claim) -> Problem {
        Problem(
            status: .conflict,
            code: "claim.identityUnverified",
            title: "Identity not verified yet",
            detail: IdentityCheck.missing(for: claim.channel)
        )
    }
}
