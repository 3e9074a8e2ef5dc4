import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Carries out officers' workflow steps on claims. Every step goes through the claim state
/// machine (roles, branch, four-eyes) and lands in the participant's bucket through the same
/// change log as the phone's own writes, together with the notifications it triggers and its
/// audit entry, in one transaction; then the phone is poked and sees it by pull.
struct ClaimOffice: Sendable {
    let store: any Store
    let writer: BucketWriter
    let clock: ServerClock
    let configuration: ServerConfiguration
    let registry: any CivilRegistry
    let bank: any BankGateway
    let logger: Logger
    let now: @Sendable () -> Date
    let composer = NoticeComposer()

    /// The outcome of one step.
    struct Step: Sendable {
        var claim: Claim
        var signatures: WorkflowSignatures
        var actions: [WorkflowAction]
        var notifications: [ParticipantNotification]
        var audit: AuditEntry
        var cursor: Int64
    }

    /// What the officer adds to a step for the audit log and the participant.
    struct Annotation: Sendable {
        /// Why, in the officer's words, when the event itself carries no reason.
        var note: String?
        /// Cause codes for statistics (``AuditCause``).
        var causes: [String] = []
        /// The cause told to the participant in a notification, when it differs from the reason.
        var noticeCause: String?
    }

    /// The claim as stored, after checking that `officer` may fire `event` on it now.
    /// Changes nothing: used before calling a system outside our walls (bank, registry).
    /// - Throws: ``Problem`` (404 unknown claim, 403/409/400 workflow refusals).
    func check(_ event: ClaimEvent, on claimID: Claim.ID, by officer: Officer) async throws -> (Claim, WorkflowSignatures) {
        let (_, _, record) = try await load(claimID)
        var claim = try record.decode(as: Claim.self)
        var signatures = try record["signatures"]?.decode(as: WorkflowSignatures.self) ?? WorkflowSignatures()
        let stored = (claim, signatures)
        do {
            _ = try ClaimWorkflow.apply(event, to: &claim, signatures: &signatures, by: .officer(officer), at: now())
        } catch {
            throw Problem(workflow: error)
        }
        return stored
    }

    /// Applies `event` to a claim on behalf of `officer`.
    /// - Throws: ``Problem`` (404 unknown claim, 403/409/400 workflow refusals); nothing changes then.
    func apply(_ event: ClaimEvent, to claimID: Claim.ID, by officer: Officer, annotation: Annotation = Annotation()) async throws -> Step {
        let key = RecordKey(type: Claim.syncSchema.type, id: claimID.rawValue.uuidString)
        guard let bucket = try await store.bucket(of: key) else { throw Problem.claimNotFound }
        let branches = Dictionary(try await store.branches().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let at = now()
        let outcome = try await writer.write(BucketRequest(bucket: bucket)) { [self] (state: BucketState) throws -> BucketDecision<Step> in
            var draft = BucketDraft(state, clock: clock)
            let record = try Self.claimRecord(key, in: state.records)
            let claim = try record.decode(as: Claim.self)
            let signatures = try record["signatures"]?.decode(as: WorkflowSignatures.self) ?? WorkflowSignatures()
            var updated = claim
            var signed = signatures
            let actions: [WorkflowAction]
            do throws(WorkflowError) {
                actions = try ClaimWorkflow.apply(event, to: &updated, signatures: &signed, by: .officer(officer), at: at)
            } catch {
                throw Problem(workflow: error)
            }
            guard let branch = branches[claim.branchID] else { throw Problem.internalError }
            if case .confirmDocumentsComplete = event, claim.sla.startedAt == nil, let account = state.account,
                !IdentityCheck.isEstablished(for: claim, account: account, records: state.records)
            {
                // Requirements are complete and correct once the originals were seen (the video
                // interview, the counter's check): the SLA clock starts with the in-person check.
                updated.sla.startedAt = nil
            }
            var fields = try Self.changedFields(from: claim, to: updated)
            if signed != signatures { fields["signatures"] = try JSONValue(encoding: signed) }
            try draft.update(key, fields: fields, schema: Claim.syncSchema)
            var causes = Self.causes(of: event) + annotation.causes
            if case .verify = event {
                // Right person: verified only once identity is established for the claim's channel.
                guard let account = state.account else { throw Problem.internalError }
                guard IdentityCheck.isEstablished(for: claim, account: account, records: state.records) else {
                    throw Problem.identityUnverified(claim)
                }
            }
            if case .recordPayment = event {
                // The money has left: the ledger is debited in this same transaction, once.
                guard let account = state.account else { throw Problem.internalError }
                guard !state.ledger.hasPaid(claim.id) else { throw Problem.claimAlreadyPaid }
                try draft.post([LedgerEntry.payment(of: updated, at: at)], account: account, ledger: state.ledger)
                if state.ledger.balance < updated.grossAmount { causes.append(AuditCause.ledgerOverdrawn) }
            }
            let sla = OfficeSLA(
                claim: updated,
                statusSince: at,
                at: at,
                policy: configuration.sla,
                zone: branch.timeZone,
                calendar: configuration.calendar
            )
            let context = NoticeComposer.Context(claim: updated, branch: branch, sla: sla, cause: annotation.noticeCause)
            let notifications = actions.map { action in
                let kind: ParticipantNotification.Kind =
                    switch action {
                    case .notifyParticipant(let kind): kind
                    case .offerSurvey: .surveyInvitation
                    }
                return composer.notice(kind, context, id: .init(UUID()), at: at)
            }
            for notification in notifications { try draft.create(notification) }
            let entry = AuditEntry(
                claimID: claimID,
                participantID: claim.participantID,
                branchID: claim.branchID,
                actor: .officer(officer),
                event: event.name,
                from: claim.status,
                to: updated.status,
                reason: Self.reason(of: event) ?? annotation.note,
                causes: causes,
                at: at
            )
            draft.changes.audit.append(entry)
            let step = Step(claim: updated, signatures: signed, actions: actions, notifications: notifications, audit: entry, cursor: 0)
            return BucketDecision(draft.changes, step)
        }
        var step = outcome.value
        step.cursor = outcome.cursor ?? 0
        logger.info(
            "claim workflow step",
            metadata: [
                "claim": "\(claimID)", "event": "\(event.name)", "status": "\(step.claim.status.rawValue)", "officer": "\(officer.id)",
            ]
        )
        return step
    }

    /// A claim's record as the office may see it: drafts are the participant's alone, so to the
    /// office they do not exist.
    static func claimRecord(_ key: RecordKey, in records: [RecordKey: SyncRecord]) throws(Problem) -> SyncRecord {
        guard let record = records[key], !record.deleted, record["status"] != .string(ClaimStatus.draft.rawValue) else {
            throw Problem.claimNotFound
        }
        return record
    }

    /// The claim's bucket, the bucket as it stands and the claim's record. Drafts are the
    /// participant's alone: to the office they do not exist.
    func load(_ claimID: Claim.ID) async throws -> (BucketID, BucketSnapshot, SyncRecord) {
        let key = RecordKey(type: Claim.syncSchema.type, id: claimID.rawValue.uuidString)
        guard let bucket = try await store.bucket(of: key) else { throw Problem.claimNotFound }
        let snapshot = try await store.snapshot(of: bucket)
        return (bucket, snapshot, try Self.claimRecord(key, in: snapshot.records))
    }

    /// The top-level fields that differ between two versions of a claim (documents excepted:
    /// only participants add those).
    static func changedFields(from old: Claim, to new: Claim) throws -> [String: JSONValue] {
        guard case .object(let before) = try JSONValue(encoding: old), case .object(let after) = try JSONValue(encoding: new) else {
            return [:]
        }
        var changed = after.filter { before[$0.key] != $0.value && $0.key != "documents" }
        for key in before.keys where after[key] == nil && key != "documents" { changed[key] = .null }
        return changed
    }

    /// The reason an event carries, as the audit log keeps it.
    static func reason(of event: ClaimEvent) -> String? {
        switch event {
        case .requestCorrection(let request):
            request.items.map { item in
                "\(item.document?.rawValue ?? item.field ?? "claim"): \(item.reason)"
            }.joined(separator: "; ")
        case .returnForReview(let reason), .recordPaymentFailure(let reason), .reject(let reason): reason
        default: nil
        }
    }

    /// The cause codes an event carries by itself.
    static func causes(of event: ClaimEvent) -> [String] {
        if case .requestCorrection(let request) = event { return request.items.map(AuditCause.correction) }
        return []
    }
}

extension Problem {
    static let claimNotFound = Problem(status: .notFound, code: "claim.notFound", title: "No such claim")

    static let claimAlreadyPaid = Problem(
        status: .conflict,
        code: "claim.alreadyPaid",
        title: "Already paid",
        detail: "This claim has been paid; it is never paid twice."
    )

    static func balanceInsufficient(balance: Rupiah, gross: Rupiah) -> Problem {
        Problem(
            status: .conflict,
            code: "claim.balanceInsufficient",
            title: "The balance does not cover the claim",
            detail:
                "The participant's ledger balance no longer covers this claim's gross amount. Nothing was paid; the back office re-verifies the amount."
        )
    }

    /// A workflow refusal as a problem: 403 for who may act, 409 for the claim's state.
    init(workflow error: WorkflowError) {
        let status: HTTPResponse.Status =
            switch error {
            case .roleRequired, .otherBranch, .participantOnly, .fourEyes: .forbidden
            case .invalidTransition: .conflict
            case .invalidInput: .badRequest
            }
        self.init(status: status, code: error.code, title: "This step is not allowed", detail: error.message)
    }
}
