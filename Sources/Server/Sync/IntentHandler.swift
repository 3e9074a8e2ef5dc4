import Foundation
import Models
import Sync

/// One record change an intent makes, applied by the server through the merge.
struct RecordEffect: Hashable, Sendable {
    var key: RecordKey
    var operation: RecordOperation
    /// A record the server derives from the intent beside the one the mutation names (a
    /// fallback ticket opened by failed face checks); only the server creates these.
    var derived = false
}

/// Re-runs a phone's named intent against the rules and turns it into record changes.
/// Pure: everything it needs is passed in.
struct IntentHandler: Sendable {
    /// The participant, with the balance from the ledger (the bucket transaction's own copy when
    /// it decides a push).
    var account: ParticipantAccount
    let branch: Branch
    let rules: ClaimRules
    let uploads: UploadLimits
    let now: Date
    /// When failed face checks open a fallback ticket, and the daily attempt limit.
    var biometric = BiometricPolicy()
    /// The participant's uploads by id (loaded when a push attaches documents).
    var participantUploads: [UUID: UploadRecord] = [:]

    var participantID: Participant.ID { account.participant.id }
    var today: LocalDate { LocalDate(now, in: branch.timeZone) }

    func handle(_ intent: Intent, mutation: Mutation, records: [RecordKey: SyncRecord]) throws(Rejection) -> [RecordEffect] {
        let call = try IntentCall(intent)
        switch call {
        case .createClaimDraft(let arguments): return try createClaimDraft(arguments, mutation: mutation, records: records)
        case .submitClaim(let arguments): return try submitClaim(arguments, mutation: mutation, records: records)
        case .resubmitClaim(let arguments):
            return try workflow(.resubmitAfterCorrection, arguments.claimID, mutation: mutation, records: records, requireDocuments: true)
        case .cancelClaim(let arguments): return try workflow(.cancel, arguments.claimID, mutation: mutation, records: records)
        case .attachDocument(let arguments): return try attachDocument(arguments, mutation: mutation, records: records)
        case .provideNewBankAccount(let arguments): return try provideNewBankAccount(arguments, mutation: mutation, records: records)
        case .reportBiometricAttempt(let arguments): return try reportBiometricAttempt(arguments, mutation: mutation, records: records)
        case .submitSurvey(let arguments): return try submitSurvey(arguments, mutation: mutation, records: records)
        }
    }

    /// The claim an intent acts on: the mutation's record, which must be a claim (a `claimID`
    /// argument, if given, must name the same claim).
    func claimKey(_ named: Claim.ID?, mutation: Mutation, intent: Intent.Name) throws(Rejection) -> RecordKey {
        let key = mutation.record
        guard key.type == Claim.syncSchema.type, let id = UUID(uuidString: key.id) else {
            throw Rejection(code: "intent.invalidTarget", message: "\(intent.rawValue) acts on a claim: name it as the record.")
        }
        if let named, named.rawValue != id {
            throw Rejection(code: "intent.invalidTarget", message: "claimID and the mutation's record name different claims.")
        }
        return key
    }

    /// The claim and its workflow signatures as stored in this participant's bucket.
    func loadClaim(_ key: RecordKey, records: [RecordKey: SyncRecord]) throws(Rejection) -> (Claim, WorkflowSignatures) {
        guard let record = records[key], !record.deleted else {
            throw Rejection(code: "claim.notFound", message: "This claim does not exist on the server yet.")
        }
        do {
            let claim = try record.decode(as: Claim.self)
            let signatures = try record["signatures"]?.decode(as: WorkflowSignatures.self) ?? WorkflowSignatures()
            return (claim, signatures)
        } catch {
            throw Rejection(code: "claim.unreadable", message: "This claim cannot be read; contact the branch.")
        }
    }

    /// The fields that differ between two versions of a claim, as one server update.
    func update(
        _ key: RecordKey,
        from old: Claim,
        to new: Claim,
        signatures: (WorkflowSignatures, WorkflowSignatures)? = nil
    )
        throws(Rejection) -> [RecordEffect]
    {
        do {
            var changed = try ClaimOffice.changedFields(from: old, to: new)
            if let signatures, signatures.0 != signatures.1 { changed["signatures"] = try JSONValue(encoding: signatures.1) }
            return changed.isEmpty ? [] : [RecordEffect(key: key, operation: .update(fields: changed))]
        } catch {
            throw Rejection(code: "claim.unreadable", message: "This claim cannot be written; contact the branch.")
        }
    }

    /// The intent a participant's workflow event comes from.
    static func intentName(of event: ClaimEvent) -> Intent.Name {
        switch event {
        case .resubmitAfterCorrection: .resubmitClaim
        case .cancel: .cancelClaim
        case .provideNewBankAccount: .provideNewBankAccount
        default: .submitClaim
        }
    }

    func workflowRejection(_ error: WorkflowError) -> Rejection {
        Rejection(code: error.code, message: error.message)
    }

    /// Applies a participant workflow event to a claim.
    func workflow(
        _ event: ClaimEvent,
        _ named: Claim.ID?,
        mutation: Mutation,
        records: [RecordKey: SyncRecord],
        requireDocuments: Bool = false
    ) throws(Rejection) -> [RecordEffect] {
        let key = try claimKey(named, mutation: mutation, intent: Self.intentName(of: event))
        let (claim, signatures) = try loadClaim(key, records: records)
        if requireDocuments {
            let missing = rules.missingDocuments(for: claim, membership: account.membership)
            if !missing.isEmpty {
                throw Rejection(
                    code: "claim.documentsMissing",
                    message: "Attach these documents first: \(missing.map(\.rawValue).sorted().joined(separator: ", ")).",
                    fields: ["documents"]
                )
            }
        }
        var updated = claim
        var newSignatures = signatures
        do {
            _ = try ClaimWorkflow.apply(event, to: &updated, signatures: &newSignatures, by: .participant(participantID), at: now)
        } catch {
            throw workflowRejection(error)
        }
        return try update(key, from: claim, to: updated, signatures: (signatures, newSignatures))
    }
}
