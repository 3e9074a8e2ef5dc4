import Foundation
import Models

/// A claim as the office sees it: the claim from the participant's bucket with who handled
/// each layer, the participant's name, and what the participant has been told.
public struct OfficeClaim: Hashable, Sendable {
    public var claim: Claim
    public var signatures: WorkflowSignatures
    public var participantName: String
    /// When the claim entered its current status (the server's clock on the status write).
    public var statusSince: Date
    /// The latest notification of each kind sent about this claim.
    public var notices: [ParticipantNotification.Kind: Date]

    public init(
        claim: Claim,
        signatures: WorkflowSignatures,
        participantName: String,
        statusSince: Date,
        notices: [ParticipantNotification.Kind: Date] = [:]
    ) {
        self.claim = claim
        self.signatures = signatures
        self.participantName = participantName
        self.statusSince = statusSince
        self.notices = notices
    }

    /// The latest notification of any kind about this claim.
    public var lastNoticeAt: Date? { notices.values.max() }
}

/// The office half of the store: the append-only audit log and the office's views of what
/// participants' buckets hold (claims by branch and status, notifications sent, surveys,
/// face-verification attempts) for worklists, the SLA monitor and KPIs.
///
/// The views are kept by the store itself: every commit that writes claim, notification,
/// survey or biometric-attempt records updates them in the same transaction, whichever path
/// the commit came by (a phone's push, an officer's step, the SLA monitor).
public protocol OfficeStore: Sendable {
    /// The audit trail of a claim, oldest first.
    func auditTrail(of claim: Claim.ID) async throws -> [AuditEntry]
    /// A branch's audit entries in `[from, until)`, oldest first.
    func auditLog(of branch: Branch.ID, from: Date, until: Date) async throws -> [AuditEntry]
    /// The audit trails of several claims, each oldest first.
    func auditTrails(of claims: Set<Claim.ID>) async throws -> [Claim.ID: [AuditEntry]]

    /// One claim, if it exists and is not deleted.
    func officeClaim(_ id: Claim.ID) async throws -> OfficeClaim?
    /// A branch's claims in any of `statuses`.
    func officeClaims(of branch: Branch.ID, in statuses: Set<ClaimStatus>) async throws -> [OfficeClaim]
    /// The claims with these ids (unknown ids are left out).
    func officeClaims(_ ids: Set<Claim.ID>) async throws -> [OfficeClaim]
    /// Every claim of every branch that is neither a draft nor closed, for the SLA monitor.
    func openClaims() async throws -> [OfficeClaim]

    /// Surveys about a branch's claims submitted in `[from, until)`.
    func surveys(of branch: Branch.ID, from: Date, until: Date) async throws -> [SurveyResponse]
    /// Face-verification attempts of a branch's participants made in `[from, until)`.
    func biometricAttempts(of branch: Branch.ID, from: Date, until: Date) async throws -> [BiometricAttempt]
}
