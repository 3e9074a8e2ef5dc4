import Foundation
import Models
import Sync

extension SyncService {
    /// Audit entries for the claim transitions a push makes (submit, resubmit after a
    /// correction, a new bank account after a failed payment, cancel): the participant's own
    /// steps go into the same append-only log as the officers', in the same transaction.
    static func auditEntries(
        for writes: [SyncRecord],
        before records: [RecordKey: SyncRecord],
        by participant: Participant.ID,
        at now: Date
    )
        -> [AuditEntry]
    {
        writes.compactMap { record in
            guard record.key.type == Claim.syncSchema.type, !record.deleted, let claim = try? record.decode(as: Claim.self) else {
                return nil
            }
            // A claim created in this push was a draft before it.
            let from = records[record.key].flatMap { try? $0.decode(as: Claim.self) }?.status ?? .draft
            guard from != claim.status else { return nil }
            return AuditEntry(
                claimID: claim.id,
                participantID: participant,
                branchID: claim.branchID,
                actor: .participant(participant),
                event: ClaimEvent.participantEventName(from: from, to: claim.status) ?? "sync",
                from: from,
                to: claim.status,
                at: now
            )
        }
    }
}
