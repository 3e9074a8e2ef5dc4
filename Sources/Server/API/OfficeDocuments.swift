import Foundation
import Models

// The office's response documents, built from domain values and converted to the generated
// wire types through their shared JSON shape (``WireBridge``).

struct SLAViewDocument: Encodable {
    var state: String
    var provisional: Bool
    var dueDate: LocalDate?
    var remainingWorkingDays: Int?
    var workingDaysOverdue: Int?
    var estimatedPaymentDate: LocalDate?

    init(_ sla: OfficeSLA) {
        provisional = sla.provisional
        estimatedPaymentDate = sla.estimatedPaymentDate
        switch sla.status {
        case .notStarted:
            state = "notStarted"
        case .onTrack(let due, let remaining):
            state = "onTrack"
            dueDate = due
            remainingWorkingDays = remaining
        case .atRisk(let due, let remaining):
            state = "atRisk"
            dueDate = due
            remainingWorkingDays = remaining
        case .breached(let due, let overdue):
            state = "breached"
            dueDate = due
            workingDaysOverdue = overdue
        case .paused(let remaining):
            state = "paused"
            remainingWorkingDays = remaining
        }
    }
}

struct WorklistDocument: Encodable {
    struct Item: Encodable {
        var claimId: UUID
        var participantName: String
        var reason: ClaimReason
        var channel: ClaimChannel
        var status: ClaimStatus
        var stage: ParticipantStage?
        var role: OfficerRole
        var submittedAt: Date?
        var statusSince: Date
        var netAmount: Rupiah
        var problem: String?
        var sla: SLAViewDocument
    }

    var branchId: String
    var roles: [OfficerRole]
    var generatedAt: Date
    var items: [Item]

    init(_ worklist: Worklist) {
        branchId = worklist.branch.id.rawValue
        roles = worklist.roles
        generatedAt = worklist.generatedAt
        items = worklist.items.map { item in
            let claim = item.office.claim
            return Item(
                claimId: claim.id.rawValue,
                participantName: item.office.participantName,
                reason: claim.reason,
                channel: claim.channel,
                status: claim.status,
                stage: claim.stage,
                role: item.role,
                submittedAt: claim.submittedAt,
                statusSince: item.office.statusSince,
                netAmount: claim.netAmount,
                problem: claim.problem,
                sla: SLAViewDocument(item.sla)
            )
        }
    }
}

struct OfficeClaimDetailDocument: Encodable {
    struct Participant: Encodable {
        var id: UUID
        var name: String
        var nikMasked: String
        var kpjMasked: String
    }

    var claim: Claim
    var participant: Participant
    var signatures: WorkflowSignatures
    var stage: ParticipantStage?
    var nextRole: OfficerRole?
    var sla: SLAViewDocument
    var audit: [AuditEntry]
}

struct OfficeStepDocument: Encodable {
    var claim: Claim
    var stage: ParticipantStage?
    var sla: SLAViewDocument
    var notifications: [ParticipantNotification]
    var audit: AuditEntry
    var cursor: Int64
}

struct VerificationDocument: Encodable {
    var verified: Bool
    var findings: [VerificationFinding]
    var claim: Claim
    var audit: AuditEntry
}

struct PaymentDocument: Encodable {
    var paid: Bool
    var failureCause: PaymentFailureCause?
    var transferId: String?
    var claim: Claim
    var notifications: [ParticipantNotification]
    var audit: AuditEntry
}
