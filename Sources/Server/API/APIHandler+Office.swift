import APITypes
import Foundation
import HTTPTypes
import Models

// Officers' routes: worklist, claim detail and the workflow steps, each checked by the claim
// state machine (role, branch, four-eyes) and carried out by ``ClaimOffice``.
extension APIHandler {
    var reports: OfficeReports { OfficeReports(store: store, configuration: configuration) }

    func getWorklist(_ input: Operations.GetWorklist.Input) async throws -> Operations.GetWorklist.Output {
        let (officer, branch) = try await signedInOfficer()
        var roles = officer.roles.sorted()
        if let wanted = input.query.role {
            guard let role = OfficerRole(rawValue: wanted.rawValue), officer.roles.contains(role) else {
                throw Problem(
                    status: .forbidden,
                    code: "office.roleNotHeld",
                    title: "Not your role",
                    detail: "You can open the worklists of your own roles: \(roles.map(\.rawValue).joined(separator: ", "))."
                )
            }
            roles = [role]
        }
        let worklist = try await reports.worklist(for: roles, branch: branch, at: now())
        return .ok(.init(body: .json(try WireBridge.convert(WorklistDocument(worklist)))))
    }

    func getOfficeClaim(_ input: Operations.GetOfficeClaim.Input) async throws -> Operations.GetOfficeClaim.Output {
        let (officer, branch) = try await signedInOfficer()
        let id = try Self.claimID(input.path.claimId)
        guard let office = try await store.officeClaim(id), office.claim.status != .draft else { throw Problem.claimNotFound }
        guard office.claim.branchID == officer.branchID else { throw Problem(workflow: .otherBranch) }
        guard let account = try await store.account(id: office.claim.participantID) else { throw Problem.internalError }
        let sla = officeSLA(office.claim, statusSince: office.statusSince, branch: branch)
        let detail = OfficeClaimDetailDocument(
            claim: office.claim,
            participant: .init(
                id: account.participant.id.rawValue,
                name: account.participant.name,
                nikMasked: account.participant.nik.masked,
                kpjMasked: account.participant.kpj.masked
            ),
            signatures: office.signatures,
            stage: office.claim.stage,
            nextRole: office.claim.status.actingRole,
            sla: SLAViewDocument(sla),
            audit: try await store.auditTrail(of: id)
        )
        return .ok(.init(body: .json(try WireBridge.convert(detail))))
    }

    func confirmDocumentsComplete(
        _ input: Operations.ConfirmDocumentsComplete.Input
    ) async throws
        -> Operations.ConfirmDocumentsComplete.Output
    {
        let step = try await step(.confirmDocumentsComplete, claim: input.path.claimId)
        return .ok(.init(body: .json(step)))
    }

    func requestCorrection(_ input: Operations.RequestCorrection.Input) async throws -> Operations.RequestCorrection.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let officerID = try Principal.requireOfficer()
        let items = try body.items.map { item throws(Problem) in
            let reason = item.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            let field = item.field?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, item.document != nil || !(field ?? "").isEmpty else {
                throw Problem.validation([
                    ValueError(
                        code: "correction.item",
                        field: "items",
                        message: "Each item names a document or a field, and gives a reason the participant can act on."
                    )
                ])
            }
            return CorrectionRequest.Item(
                document: item.document.flatMap { DocumentKind(rawValue: $0.rawValue) },
                field: field?.isEmpty == false ? field : nil,
                reason: reason
            )
        }
        let request = CorrectionRequest(items: items, requestedAt: now(), requestedBy: officerID)
        let step = try await step(.requestCorrection(request), claim: input.path.claimId)
        return .ok(.init(body: .json(step)))
    }

    func verifyClaim(_ input: Operations.VerifyClaim.Input) async throws -> Operations.VerifyClaim.Output {
        let (officer, _) = try await signedInOfficer()
        let outcome = try await office.verify(try Self.claimID(input.path.claimId), by: officer)
        let document = VerificationDocument(
            verified: outcome.verified,
            findings: outcome.findings,
            claim: outcome.claim,
            audit: outcome.audit
        )
        return .ok(.init(body: .json(try WireBridge.convert(document))))
    }

    func approveClaim(_ input: Operations.ApproveClaim.Input) async throws -> Operations.ApproveClaim.Output {
        let step = try await step(.approve, claim: input.path.claimId)
        return .ok(.init(body: .json(step)))
    }

    func returnClaim(_ input: Operations.ReturnClaim.Input) async throws -> Operations.ReturnClaim.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let step = try await step(.returnForReview(reason: try Self.reason(body.reason)), claim: input.path.claimId)
        return .ok(.init(body: .json(step)))
    }

    func payClaim(_ input: Operations.PayClaim.Input) async throws -> Operations.PayClaim.Output {
        let (officer, _) = try await signedInOfficer()
        let outcome = try await office.pay(try Self.claimID(input.path.claimId), by: officer)
        let document = PaymentDocument(
            paid: outcome.failure == nil,
            failureCause: outcome.failure,
            transferId: outcome.transferID,
            claim: outcome.step.claim,
            notifications: outcome.step.notifications,
            audit: outcome.step.audit
        )
        return .ok(.init(body: .json(try WireBridge.convert(document))))
    }

    func rejectClaim(_ input: Operations.RejectClaim.Input) async throws -> Operations.RejectClaim.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        guard let cause = ClaimRejectionCause(rawValue: body.cause.rawValue) else { throw Problem.internalError }
        let step = try await step(
            .reject(reason: try Self.reason(body.reason)),
            claim: input.path.claimId,
            annotation: .init(causes: [AuditCause.rejection(cause)])
        )
        return .ok(.init(body: .json(step)))
    }

    // MARK: - Helpers

    /// The signed-in officer and their branch.
    func signedInOfficer() async throws -> (Officer, Branch) {
        let id = try Principal.requireOfficer()
        guard let officer = try await store.officer(id: id) else {
            throw Problem(status: .unauthorized, code: "auth.officerNotFound", title: "Officer no longer registered")
        }
        guard let branch = try await store.branch(id: officer.branchID) else { throw ProblemMiddlewareInternal.missingBranch }
        return (officer, branch)
    }

    /// Runs one workflow step for the signed-in officer.
    func step(
        _ event: ClaimEvent,
        claim text: String,
        annotation: ClaimOffice.Annotation = .init()
    ) async throws
        -> Components.Schemas.OfficeStepResult
    {
        let (officer, branch) = try await signedInOfficer()
        let step = try await office.apply(event, to: try Self.claimID(text), by: officer, annotation: annotation)
        let document = OfficeStepDocument(
            claim: step.claim,
            stage: step.claim.stage,
            sla: SLAViewDocument(officeSLA(step.claim, statusSince: step.audit.at, branch: branch)),
            notifications: step.notifications,
            audit: step.audit,
            cursor: step.cursor
        )
        return try WireBridge.convert(document)
    }

    func officeSLA(_ claim: Claim, statusSince: Date, branch: Branch) -> OfficeSLA {
        OfficeSLA(
            claim: claim,
            statusSince: statusSince,
            at: now(),
            policy: configuration.sla,
            zone: branch.timeZone,
            calendar: configuration.calendar
        )
    }

    static func claimID(_ text: String) throws(Problem) -> Claim.ID {
        guard let uuid = UUID(uuidString: text) else {
            throw Problem.validation([ValueError(code: "claimId.format", field: "claimId", message: "A claim id is a UUID.")])
        }
        return Claim.ID(uuid)
    }

    static func reason(_ text: String) throws(Problem) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 1000 else {
            throw Problem.validation([
                ValueError(code: "reason.required", field: "reason", message: "Give a reason of 1 to 1,000 characters.")
            ])
        }
        return reason
    }
}
