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
    /// is re-entered. A claim past draft stays where it was: the office workflow already has it.
    func continueClaim(
        _ claim: Claim,
        record: SyncRecord,
        records: [RecordKey: SyncRecord],
        appointment: Appointment
    ) async throws -> Continuation {
        guard claim.status == .draft else { return Continuation(claim: claim, record: nil, problem: nil) }
        guard let account = try await store.account(id: claim.participantID),
            let home = try await store.branch(id: account.participant.branchID)
        else { throw Problem.internalError }
        let handler = IntentHandler(
            account: account,
            branch: home,
            rules: configuration.rules,
            uploads: configuration.uploads,
            now: now(),
            biometric: configuration.biometric
        )
        var moved = claim
        let allowed = configuration.rules.channels.channels(for: claim.reason, balance: account.membership.balance, on: handler.today)
        moved.channel = appointment.kind == .branchVisit ? .branch : (allowed.contains(.lapakAsik) ? .lapakAsik : claim.channel)
        moved.branchID = appointment.branchID ?? claim.branchID
        let writer = FallbackRecords(clock: clock)
        let movedRecord = try writer.update(
            record,
            fields: try FallbackRecords.changedFields(from: claim, to: moved),
            schema: Claim.syncSchema
        )
        var working = records
        working[record.key] = movedRecord
        let submit = Intent(name: .submitClaim)
        let mutation = Mutation(deviceID: "office", counter: 0, clock: clock.tick(), record: record.key, operation: .intent(submit))
        let effects: [RecordEffect]
        do {
            effects = try handler.handle(submit, mutation: mutation, records: working)
        } catch {
            return Continuation(claim: moved, record: movedRecord, problem: error)
        }
        var submitted = movedRecord
        for effect in effects where effect.key == record.key {
            let applied = Merge.apply(
                effect.operation,
                to: submitted,
                key: record.key,
                schema: Claim.syncSchema,
                clock: clock.tick(),
                tag: mutation.id.uuidString,
                writer: .server
            )
            submitted = try applied.get().record
        }
        return Continuation(claim: try submitted.decode(as: Claim.self), record: submitted, problem: nil)
    }
}
