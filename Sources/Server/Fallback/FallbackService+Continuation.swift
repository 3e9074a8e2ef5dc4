import Foundation
import Models
import Sync

extension FallbackService {
    /// A claim after identity was verified in person.
    struct Continuation: Sendable {
        var claim: Claim?
        /// The claim's record to write; `nil` when nothing changed.
        var record: SyncRecord?
        /// Why a draft could not be submitted (what is missing); the participant can now
        /// complete it and submit from the app.
        var problem: Rejection?
    }

    /// Continues a claim from where it was once an officer verified the participant.
    ///
    /// A draft moves to the channel of the appointment (branch, or Lapak Asik when the balance
    /// allows it) and to the branch that served the participant, then is submitted through the
    /// same intent handler as an app submission: the same eligibility, document, bank-account
    /// and tax checks, on the documents and bank account the participant already gave. Nothing
    /// is re-entered. A claim past draft stays where it was: the office workflow already has it;
    /// when its documents were confirmed complete before this check, its SLA clock starts now.
    func continueClaim(
        _ claim: Claim,
        in draft: inout BucketDraft,
        appointment: Appointment,
        handler: IntentHandler
    ) throws -> Continuation {
        let key = FallbackRecords.claimKey(of: claim.id)
        guard claim.status == .draft else {
            guard claim.status == .documentsChecked, claim.sla.startedAt == nil else {
                return Continuation(claim: claim, record: nil, problem: nil)
            }
            var started = claim
            started.sla.start(at: handler.now)
            return Continuation(claim: started, record: try draft.update(from: claim, to: started), problem: nil)
        }
        var moved = claim
        let allowed = configuration.rules.channels.channels(
            for: claim.reason,
            balance: handler.account.membership.balance,
            on: handler.today
        )
        moved.channel = appointment.kind == .branchVisit ? .branch : (allowed.contains(.lapakAsik) ? .lapakAsik : claim.channel)
        moved.branchID = appointment.branchID ?? claim.branchID
        let movedRecord = try draft.update(key, fields: try BucketDraft.changedFields(from: claim, to: moved), schema: Claim.syncSchema)
        let submit = Intent(name: .submitClaim)
        let mutation = Mutation(deviceID: "office", counter: 0, clock: clock.tick(), record: key, operation: .intent(submit))
        let effects: [RecordEffect]
        do {
            effects = try handler.handle(submit, mutation: mutation, records: draft.records)
        } catch {
            return Continuation(claim: moved, record: movedRecord ?? draft[key], problem: error)
        }
        for effect in effects where effect.key == key {
            guard case .update(let fields) = effect.operation else { continue }
            try draft.update(key, fields: fields, schema: Claim.syncSchema)
        }
        return Continuation(claim: try draft.model(Claim.self, key), record: draft[key], problem: nil)
    }
}
