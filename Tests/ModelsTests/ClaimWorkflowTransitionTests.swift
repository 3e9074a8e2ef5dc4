import Foundation
import Models
import Testing

@Suite("ClaimWorkflow transitions")
struct ClaimWorkflowTransitionTests {
    @Test(arguments: WorkflowFixtures.allowed)
    func allowedTransition(event: ClaimEvent, from: ClaimStatus, to: ClaimStatus, actions: [WorkflowAction]) {
        var harness = WorkflowHarness(status: from)
        let result = harness.apply(event, by: WorkflowFixtures.actor(for: event))
        #expect(result == .success(actions))
        #expect(harness.claim.status == to)
        #expect(ClaimWorkflow.target(of: event, from: from) == to)
    }

    @Test func theTablesCoverEveryPair() {
        #expect(WorkflowFixtures.allowed.count == 19)
        #expect(WorkflowFixtures.disallowed.count == ClaimStatus.allCases.count * WorkflowFixtures.allEvents.count - 19)
        #expect(WorkflowFixtures.disallowed.count == 101)
    }

    @Test(arguments: WorkflowFixtures.disallowed)
    func everyOtherPairIsAnInvalidTransition(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        let result = harness.apply(event, by: WorkflowFixtures.actor(for: event))
        #expect(result == .failure(.invalidTransition(from: status, event: event.name)))
        #expect(harness.claim == before.claim)
        #expect(harness.signatures == before.signatures)
        #expect(ClaimWorkflow.target(of: event, from: status) == nil)
    }

    @Test(arguments: [ClaimStatus.paid, .rejected, .cancelled])
    func finalStatusesTakeNoEvent(status: ClaimStatus) {
        #expect(status.isFinal)
        #expect(WorkflowFixtures.allEvents.allSatisfy { ClaimWorkflow.target(of: $0, from: status) == nil })
    }

    @Test func nonFinalStatuses() {
        #expect(
            ClaimStatus.allCases.filter { !$0.isFinal } == [
                .draft, .submitted, .documentsChecked, .verified, .approved, .correctionRequested, .paymentFailed,
            ]
        )
    }

    @Test func theHappyPathSignsEveryLayer() {
        var harness = WorkflowHarness(status: .draft)
        #expect(harness.apply(.submit, by: WorkflowFixtures.owner, at: utc("2026-03-02T01:00:00Z")) == .success([]))
        #expect(harness.claim.submittedAt == utc("2026-03-02T01:00:00Z"))
        #expect(harness.claim.stage == .agendaKlaim)

        #expect(harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.cso)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.claim.stage == .penetapanKlaim)
        #expect(harness.apply(.verify, by: .officer(Fixtures.backOffice)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.claim.stage == .persetujuanKlaim)
        #expect(harness.apply(.approve, by: .officer(Fixtures.head)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.claim.stage == .pembayaranKlaim)
        #expect(harness.apply(.recordPayment, by: .officer(Fixtures.finance)) == .success([WorkflowFixtures.statusChanged, .offerSurvey]))
        #expect(harness.claim.status == .paid)
        #expect(harness.claim.stage == .selesai)
        #expect(
            harness.signatures
                == WorkflowSignatures(
                    checkedBy: Fixtures.cso.id,
                    verifiedBy: Fixtures.backOffice.id,
                    approvedBy: Fixtures.head.id,
                    paidBy: Fixtures.finance.id
                )
        )
    }

    @Test func returnForReviewClearsTheVerifierAndKeepsTheReason() {
        var harness = WorkflowHarness(
            status: .verified,
            signatures: WorkflowSignatures(checkedBy: Fixtures.cso.id, verifiedBy: Fixtures.backOffice.id)
        )
        #expect(harness.apply(WorkflowFixtures.returnForReview, by: .officer(Fixtures.head)) == .success([WorkflowFixtures.statusChanged]))
        #expect(harness.claim.status == .documentsChecked)
        #expect(harness.signatures.verifiedBy == nil)
        #expect(harness.signatures.checkedBy == Fixtures.cso.id)
        #expect(harness.claim.problem == "The balance does not match the ledger.")
    }

    @Test func rejectionKeepsTheReason() {
        var harness = WorkflowHarness(status: .submitted)
        _ = harness.apply(.reject(reason: "Not eligible yet."), by: .officer(Fixtures.cso))
        #expect(harness.claim.status == .rejected)
        #expect(harness.claim.problem == "Not eligible yet.")
    }

    @Test func aFailedPaymentIsRetriedWithANewAccount() {
        var harness = WorkflowHarness(status: .approved, signatures: WorkflowSignatures(approvedBy: Fixtures.head.id))
        #expect(
            harness.apply(WorkflowFixtures.recordPaymentFailure, by: .officer(Fixtures.finance))
                == .success([.notifyParticipant(.paymentFailed)])
        )
        #expect(harness.claim.status == .paymentFailed)
        #expect(harness.claim.problem == "The account is inactive.")
        #expect(harness.claim.stage == .pembayaranKlaim)

        #expect(harness.apply(WorkflowFixtures.newBankAccount, by: WorkflowFixtures.owner) == .success([]))
        #expect(harness.claim.status == .approved)
        #expect(harness.claim.bankAccount == WorkflowFixtures.newAccount)
        #expect(harness.claim.problem == nil)

        #expect(
            harness.apply(.recordPayment, by: .officer(Fixtures.otherFinance)) == .success([WorkflowFixtures.statusChanged, .offerSurvey])
        )
        #expect(harness.claim.status == .paid)
        #expect(harness.signatures.paidBy == Fixtures.otherFinance.id)
    }

    @Test func aNewAccountDuringACorrectionKeepsTheCorrectionOpen() {
        var harness = WorkflowHarness(status: .correctionRequested)
        harness.claim.correction = Fixtures.correction
        #expect(harness.apply(WorkflowFixtures.newBankAccount, by: WorkflowFixtures.owner) == .success([]))
        #expect(harness.claim.status == .correctionRequested)
        #expect(harness.claim.correction == Fixtures.correction)
        #expect(harness.claim.bankAccount == WorkflowFixtures.newAccount)
    }

    @Test(arguments: [
        ClaimEvent.requestCorrection(CorrectionRequest(items: [], requestedAt: utc("2026-03-02T03:00:00Z"), requestedBy: Fixtures.cso.id)),
        .requestCorrection(
            CorrectionRequest(
                items: [.init(document: .bankBook, reason: "  ")],
                requestedAt: utc("2026-03-02T03:00:00Z"),
                requestedBy: Fixtures.cso.id
            )
        ),
        .reject(reason: " \n"),
        .reject(reason: ""),
    ])
    func emptyReasonsAreInvalidInputAndChangeNothing(event: ClaimEvent) {
        var harness = WorkflowHarness(status: .submitted)
        let before = harness
        guard case .failure(.invalidInput(let message)) = harness.apply(event, by: .officer(Fixtures.cso)) else {
            Issue.record("expected invalidInput")
            return
        }
        #expect(!message.isEmpty)
        #expect(harness.claim == before.claim)
        #expect(harness.signatures == before.signatures)
    }

    @Test(arguments: [
        (ClaimEvent.returnForReview(reason: ""), ClaimStatus.verified),
        (.recordPaymentFailure(reason: "   "), .approved),
    ])
    func emptyReasonsOnLaterStepsAreInvalidInput(event: ClaimEvent, status: ClaimStatus) {
        var harness = WorkflowHarness(status: status)
        let before = harness
        #expect(harness.apply(event, by: .officer(Fixtures.allRoles)) == .failure(.invalidInput("Give a reason.")))
        #expect(harness.claim == before.claim)
    }
}
