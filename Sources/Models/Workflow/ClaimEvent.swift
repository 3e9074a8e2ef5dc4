/// Something that moves a claim through the workflow, with the facts it carries.
public enum ClaimEvent: Hashable, Sendable, Codable {
    // Participant
    case submit
    case resubmitAfterCorrection
    case provideNewBankAccount(BankAccount)
    case cancel
    // CSO
    case confirmDocumentsComplete
    case requestCorrection(CorrectionRequest)
    // Back office
    case verify
    // Head of service
    case approve
    case returnForReview(reason: String)
    // Finance
    case recordPayment
    case recordPaymentFailure(reason: String)
    // CSO, back office or head of service
    case reject(reason: String)

    /// A name for audits and metrics.
    public var name: String {
        switch self {
        case .submit: "submit"
        case .resubmitAfterCorrection: "resubmitAfterCorrection"
        case .provideNewBankAccount: "provideNewBankAccount"
        case .cancel: "cancel"
        case .confirmDocumentsComplete: "confirmDocumentsComplete"
        case .requestCorrection: "requestCorrection"
        case .verify: "verify"
        case .approve: "approve"
        case .returnForReview: "returnForReview"
        case .recordPayment: "recordPayment"
        case .recordPaymentFailure: "recordPaymentFailure"
        case .reject: "reject"
        }
    }
}

/// Who fires an event.
public enum WorkflowActor: Hashable, Sendable, Codable {
    case participant(Participant.ID)
    case officer(Officer)
}

/// What the caller must do after a transition: the state machine does no I/O.
public enum WorkflowAction: Hashable, Sendable, Codable {
    case notifyParticipant(ParticipantNotification.Kind)
    case offerSurvey
}

/// Why an event was refused. Each case maps to a stable problem code.
public enum WorkflowError: Error, Hashable, Sendable {
    /// The event does not apply in the current status.
    case invalidTransition(from: ClaimStatus, event: String)
    /// The actor lacks the role the step needs.
    case roleRequired(OfficerRole, event: String)
    /// Only the participant who owns the claim may do this.
    case participantOnly(event: String)
    /// The officer belongs to another branch.
    case otherBranch
    /// Four-eyes: whoever checked or verified may not approve; whoever approved may not pay.
    case fourEyes(event: String)
    /// The event carries bad data (an empty reason, no correction items).
    case invalidInput(String)

    /// A stable code for problem responses.
    public var code: String {
        switch self {
        case .invalidTransition: "workflow.invalidTransition"
        case .roleRequired: "workflow.roleRequired"
        case .participantOnly: "workflow.participantOnly"
        case .otherBranch: "workflow.otherBranch"
        case .fourEyes: "workflow.fourEyes"
        case .invalidInput: "workflow.invalidInput"
        }
    }

    /// A plain-language explanation.
    public var message: String {
        switch self {
        case .invalidTransition(let from, let event): "A claim that is \(from.rawValue) cannot take '\(event)'."
        case .roleRequired(let role, let event): "'\(event)' needs the \(role.rawValue) role."
        case .participantOnly(let event): "Only the participant who owns the claim can '\(event)'."
        case .otherBranch: "This claim belongs to another branch."
        case .fourEyes(let event): "Four-eyes rule: an officer who handled an earlier step of this claim cannot '\(event)' it."
        case .invalidInput(let text): text
        }
    }
}
