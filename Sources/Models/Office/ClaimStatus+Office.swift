extension ClaimStatus {
    /// The officer role whose worklist holds a claim in this status; `nil` when the claim
    /// waits for the participant or is closed.
    public var actingRole: OfficerRole? {
        switch self {
        case .submitted: .cso
        case .documentsChecked: .backOffice
        case .verified: .headOfService
        case .approved: .finance
        case .draft, .paid, .correctionRequested, .rejected, .paymentFailed, .cancelled: nil
        }
    }

    /// Office layers still to pass before payment, from this status.
    public var officeStepsLeft: Int {
        switch self {
        case .draft, .submitted, .correctionRequested: 4
        case .documentsChecked: 3
        case .verified: 2
        case .approved, .paymentFailed: 1
        case .paid, .rejected, .cancelled: 0
        }
    }

    /// The statuses in which the participant must act before the office can continue.
    public var waitsForParticipant: Bool { self == .correctionRequested || self == .paymentFailed }

    /// The statuses the office worklists hold for `role`.
    public static func worklist(of role: OfficerRole) -> Set<ClaimStatus> {
        Set(allCases.filter { $0.actingRole == role })
    }
}

extension ClaimEvent {
    /// The participant event that moves a claim from `from` to `to`, for audits of changes
    /// that arrive by sync; `nil` when no participant event does.
    public static func participantEventName(from: ClaimStatus, to: ClaimStatus) -> String? {
        switch (from, to) {
        case (.draft, .submitted): "submit"
        case (.correctionRequested, .submitted): "resubmitAfterCorrection"
        case (.paymentFailed, .approved): "provideNewBankAccount"
        case (.draft, .cancelled), (.submitted, .cancelled), (.correctionRequested, .cancelled): "cancel"
        default: nil
        }
    }
}
