import Foundation
import Models
import Testing

@Suite("ClaimWorkflow authorization")
struct ClaimWorkflowAuthorizationTests {
    @Test(arguments: [
        // (officer, claim status, event, role required)
        (Fixtures.backOffice, ClaimStatus.submitted, WorkflowFixtures.confirm, OfficerRole.cso),
        (Fixtures.finance, .submitted, WorkflowFixtures.requestCorrection, .cso),
        (Fixtures.cso, .documentsChecked, WorkflowFixtures.verify, .backOffice),
        (Fixtures.finance, .verified, WorkflowFixtures.approve, .headOfService),
        (Fixtures.cso, .verified, WorkflowFixtures.returnForReview, .headOfService),
        (Fixtures.head, .approved, WorkflowFixtures.recordPayment, .finance),
        (Fixtures.head, .approved, WorkflowFixtures.recordPaymentFailure, .finance),
        // Rejection belongs to the layer the claim is with.
        (Fixtures.finance, .submitted, WorkflowFixtures.reject, .cso),
        (Fixtures.cso, .documentsChecked, WorkflowFixtures.reject, .backOffice),
        (Fixtures.backOffice, .verified, WorkflowFixtures.reject, .headOfService),
    ])
    func officersWithoutTheRoleAreRefused(officer: Officer, status: ClaimStatus, event: ClaimEvent, role: OfficerRole) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        #expect(harness.apply(event, by: .officer(officer)) == .failure(.roleRequired(role, event: event.name)))
        #expect(harness.claim == before.claim)
        #expect(harness.signatures == before.signatures)
    }

    @Test(arguments: [
        (Fixtures.cso, ClaimStatus.submitted),
        (Fixtures.backOffice, .documentsChecked),
        (Fixtures.head, .verified),
    ])
    func eachLayerMayRejectWhatItHolds(officer: Officer, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        #expect(harness.apply(WorkflowFixtures.reject, by: .officer(officer)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.claim.status == .rejected)
    }

    @Test func requiredRolePerEvent() {
        let roles = WorkflowFixtures.allEvents.map { ClaimWorkflow.requiredRole(for: $0) }
        #expect(roles == [nil, nil, nil, nil, .cso, .cso, .backOffice, .headOfService, .headOfService, .finance, .finance, nil])
    }

    @Test(arguments: WorkflowFixtures.allowed.filter { WorkflowFixtures.officerEvents.contains($0.0) }.map { ($0.0, $0.1) })
    func officersOfAnotherBranchAreRefused(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        #expect(harness.apply(event, by: .officer(Fixtures.elsewhere)) == .failure(.otherBranch))
        #expect(harness.claim == before.claim)
    }

    @Test(arguments: WorkflowFixtures.allowed.filter { WorkflowFixtures.participantEvents.contains($0.0) }.map { ($0.0, $0.1) })
    func participantEventsAreRefusedForOfficers(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        #expect(harness.apply(event, by: .officer(Fixtures.allRoles)) == .failure(.participantOnly(event: event.name)))
        #expect(harness.claim == before.claim)
    }

    @Test(arguments: WorkflowFixtures.allowed.filter { WorkflowFixtures.officerEvents.contains($0.0) }.map { ($0.0, $0.1) })
    func officerEventsAreRefusedForParticipants(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        // The workflow reports this with the participantOnly case (see the final report).
        #expect(harness.apply(event, by: WorkflowFixtures.owner) == .failure(.participantOnly(event: event.name)))
        #expect(harness.claim == before.claim)
    }

    @Test(arguments: WorkflowFixtures.allowed.filter { WorkflowFixtures.participantEvents.contains($0.0) }.map { ($0.0, $0.1) })
    func aParticipantCannotActOnSomeoneElsesClaim(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        #expect(harness.apply(event, by: WorkflowFixtures.stranger) == .failure(.participantOnly(event: event.name)))
        #expect(harness.claim == before.claim)
    }

    // Four-eyes: whoever checked or verified may not approve; whoever approved may not pay.

    @Test(arguments: [
        WorkflowSignatures(checkedBy: Fixtures.allRoles.id, verifiedBy: Fixtures.backOffice.id),
        WorkflowSignatures(checkedBy: Fixtures.cso.id, verifiedBy: Fixtures.allRoles.id),
    ])
    func anOfficerWhoCheckedOrVerifiedCannotApprove(signatures: WorkflowSignatures) {
        var harness = WorkflowHarness(status: .verified, signatures: signatures)
        let before = harness
        #expect(harness.apply(.approve, by: .officer(Fixtures.allRoles)) == .failure(.fourEyes(event: "approve")))
        #expect(harness.claim == before.claim)
        #expect(harness.signatures == before.signatures)
        #expect(harness.apply(.approve, by: .officer(Fixtures.head)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.signatures.approvedBy == Fixtures.head.id)
    }

    @Test(arguments: [WorkflowFixtures.recordPayment, WorkflowFixtures.recordPaymentFailure])
    func theApproverCannotRecordPayment(event: ClaimEvent) {
        let signatures = WorkflowSignatures(
            checkedBy: Fixtures.cso.id,
            verifiedBy: Fixtures.backOffice.id,
            approvedBy: Fixtures.allRoles.id
        )
        var harness = WorkflowHarness(status: .approved, signatures: signatures)
        let before = harness
        #expect(harness.apply(event, by: .officer(Fixtures.allRoles)) == .failure(.fourEyes(event: event.name)))
        #expect(harness.claim == before.claim)
        #expect(harness.apply(event, by: .officer(Fixtures.finance)).isSuccess)
    }

    @Test func anOfficerMayCheckAndVerifyButNotThenApprove() {
        var harness = WorkflowHarness(status: .submitted)
        #expect(harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.allRoles)).isSuccess)
        #expect(harness.apply(.verify, by: .officer(Fixtures.allRoles)).isSuccess)
        #expect(harness.apply(.approve, by: .officer(Fixtures.allRoles)) == .failure(.fourEyes(event: "approve")))
        #expect(harness.claim.status == .verified)
    }

    @Test func errorsHaveStableCodesAndMessages() {
        let errors: [WorkflowError] = [
            .invalidTransition(from: .paid, event: "approve"), .roleRequired(.finance, event: "recordPayment"),
            .participantOnly(event: "submit"), .otherBranch, .fourEyes(event: "approve"), .invalidInput("Give a reason."),
        ]
        #expect(
            errors.map(\.code) == [
                "workflow.invalidTransition", "workflow.roleRequired", "workflow.participantOnly", "workflow.otherBranch",
                "workflow.fourEyes", "workflow.invalidInput",
            ]
        )
        #expect(errors[0].message == "A claim that is paid cannot take 'approve'.")
        #expect(errors[1].message == "'recordPayment' needs the finance role.")
        #expect(errors[5].message == "Give a reason.")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
