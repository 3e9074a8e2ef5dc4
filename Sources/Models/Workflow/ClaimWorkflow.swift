import Foundation

/// Who handled each layer of a claim, for the four-eyes rule and the audit trail.
public struct WorkflowSignatures: Codable, Hashable, Sendable {
    /// The CSO who confirmed the documents.
    public var checkedBy: Officer.ID?
    /// The back-office officer who verified the claim.
    public var verifiedBy: Officer.ID?
    /// The head of service who approved it.
    public var approvedBy: Officer.ID?
    /// The finance officer who paid it.
    public var paidBy: Officer.ID?

    /// The signatures so far.
    public init(checkedBy: Officer.ID? = nil, verifiedBy: Officer.ID? = nil, approvedBy: Officer.ID? = nil, paidBy: Officer.ID? = nil) {
        self.checkedBy = checkedBy
        self.verifiedBy = verifiedBy
        self.approvedBy = approvedBy
        self.paidBy = paidBy
    }
}

/// The claim workflow as a value-type state machine: an event and an actor in, the new
/// claim and the actions to take out. No I/O, so every transition is tested directly.
///
/// submitted -> documentsChecked (CSO) -> verified (back office) -> approved (head of
/// service) -> paid (finance); with correction requested (SLA paused), returned for review,
/// rejected, payment failed (a new account brings it back to finance) and cancelled.
public enum ClaimWorkflow {
    /// The role each officer event needs.
    public static func requiredRole(for event: ClaimEvent) -> OfficerRole? {
        switch event {
        case .submit, .resubmitAfterCorrection, .provideNewBankAccount, .cancel: nil
        case .confirmDocumentsComplete, .requestCorrection: .cso
        case .verify: .backOffice
        case .approve, .returnForReview: .headOfService
        case .recordPayment, .recordPaymentFailure: .finance
        case .reject: nil  // any officer role of the layers before payment; checked below
        }
    }

    /// The status `event` leads to from `status`, or `nil` when it does not apply.
    public static func target(of event: ClaimEvent, from status: ClaimStatus) -> ClaimStatus? {
        switch (event, status) {
        case (.submit, .draft): .submitted
        case (.resubmitAfterCorrection, .correctionRequested): .submitted
        case (.provideNewBankAccount, .paymentFailed): .approved
        case (.provideNewBankAccount, .correctionRequested): .correctionRequested
        case (.cancel, .draft), (.cancel, .submitted), (.cancel, .correctionRequested): .cancelled
        case (.confirmDocumentsComplete, .submitted): .documentsChecked
        case (.requestCorrection, .submitted), (.requestCorrection, .documentsChecked), (.requestCorrection, .verified):
            .correctionRequested
        case (.verify, .documentsChecked): .verified
        case (.approve, .verified): .approved
        case (.returnForReview, .verified): .documentsChecked
        case (.recordPayment, .approved): .paid
        case (.recordPaymentFailure, .approved): .paymentFailed
        case (.reject, .submitted), (.reject, .documentsChecked), (.reject, .verified): .rejected
        default: nil
        }
    }

    /// Applies `event` to `claim` on behalf of `actor` at `now`.
    ///
    /// - Returns: the actions the caller must carry out (notifications, survey offer).
    /// - Throws: ``WorkflowError`` and leaves `claim` unchanged.
    public static func apply(
        _ event: ClaimEvent,
        to claim: inout Claim,
        signatures: inout WorkflowSignatures,
        by actor: WorkflowActor,
        at now: Date
    ) throws(WorkflowError) -> [WorkflowAction] {
        try authorize(event, claim: claim, signatures: signatures, actor: actor)
        guard let next = target(of: event, from: claim.status) else {
            throw .invalidTransition(from: claim.status, event: event.name)
        }
        var updated = claim
        var signed = signatures
        var actions: [WorkflowAction] = []
        let officerID: Officer.ID? = if case .officer(let officer) = actor { officer.id } else { nil }

        switch event {
        case .submit:
            updated.submittedAt = now
        case .resubmitAfterCorrection:
            updated.correction = nil
            updated.sla.resume(at: now)
        case .provideNewBankAccount(let account):
            updated.bankAccount = account
            updated.problem = nil
        case .cancel:
            break
        case .confirmDocumentsComplete:
            signed.checkedBy = officerID
            updated.sla.start(at: now)
        case .requestCorrection(let request):
            guard !request.items.isEmpty, request.items.allSatisfy({ !$0.reason.trimmingWhitespace().isEmpty }) else {
                throw .invalidInput("A correction request names at least one item, each with a reason.")
            }
            updated.correction = request
            updated.sla.pause(at: now)
            actions.append(.notifyParticipant(.correctionRequested))
        case .verify:
            signed.verifiedBy = officerID
        case .approve:
            signed.approvedBy = officerID
        case .returnForReview(let reason), .recordPaymentFailure(let reason), .reject(let reason):
            guard !reason.trimmingWhitespace().isEmpty else { throw .invalidInput("Give a reason.") }
            if case .returnForReview = event { signed.verifiedBy = nil }
            updated.problem = reason
            if case .recordPaymentFailure = event { actions.append(.notifyParticipant(.paymentFailed)) }
        case .recordPayment:
            signed.paidBy = officerID
            actions.append(.offerSurvey)
        }
        updated.status = next
        if case .officer = actor, actions.allSatisfy({ $0 == .offerSurvey }) {
            actions.insert(.notifyParticipant(.statusChanged), at: 0)
        }
        claim = updated
        signatures = signed
        return actions
    }

    static func authorize(_ event: ClaimEvent, claim: Claim, signatures: WorkflowSignatures, actor: WorkflowActor) throws(WorkflowError) {
        switch actor {
        case .participant(let id):
            guard id == claim.participantID, requiredRole(for: event) == nil, !isOfficerOnly(event) else {
                throw .participantOnly(event: event.name)
            }
        case .officer(let officer):
            if isParticipantOnly(event) { throw .participantOnly(event: event.name) }
            guard officer.branchID == claim.branchID else { throw .otherBranch }
            if let role = requiredRole(for: event) {
                guard officer.roles.contains(role) else { throw .roleRequired(role, event: event.name) }
            } else if case .reject = event {
                let allowed: OfficerRole =
                    switch claim.status {
                    case .documentsChecked: .backOffice
                    case .verified: .headOfService
                    default: .cso
                    }
                guard officer.roles.contains(allowed) else { throw .roleRequired(allowed, event: event.name) }
            }
            switch event {
            case .approve where [signatures.checkedBy, signatures.verifiedBy].contains(officer.id):
                throw .fourEyes(event: event.name)
            case .recordPayment where signatures.approvedBy == officer.id,
                .recordPaymentFailure where signatures.approvedBy == officer.id:
                throw .fourEyes(event: event.name)
            default: break
            }
        }
    }

    static func isParticipantOnly(_ event: ClaimEvent) -> Bool {
        switch event {
        case .submit, .resubmitAfterCorrection, .provideNewBankAccount, .cancel: true
        default: false
        }
    }

    static func isOfficerOnly(_ event: ClaimEvent) -> Bool { !isParticipantOnly(event) }
}
