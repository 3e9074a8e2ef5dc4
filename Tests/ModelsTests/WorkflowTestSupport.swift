import Foundation
import Models

/// A claim and its signatures, driven through the workflow one event at a time.
struct WorkflowHarness {
    var claim: Claim
    var signatures: WorkflowSignatures

    init(status: ClaimStatus, signatures: WorkflowSignatures = WorkflowSignatures()) {
        self.claim = Fixtures.claim(status: status)
        self.signatures = signatures
    }

    /// Applies `event`, returning the actions or the error instead of throwing.
    @discardableResult
    mutating func apply(
        _ event: ClaimEvent,
        by actor: WorkflowActor,
        at now: Date = utc("2026-03-02T03:00:00Z")
    ) -> Result<
        [WorkflowAction], WorkflowError
    > {
        do {
            return .success(try ClaimWorkflow.apply(event, to: &claim, signatures: &signatures, by: actor, at: now))
        } catch {
            return .failure(error)
        }
    }
}

enum WorkflowFixtures {
    static let owner = WorkflowActor.participant(Fixtures.participantID)
    static let stranger = WorkflowActor.participant(Fixtures.strangerID)
    static let newAccount = try! BankAccount(bank: .bri, number: "002101234567890", holderName: "Budi Santoso")

    static let submit = ClaimEvent.submit
    static let resubmit = ClaimEvent.resubmitAfterCorrection
    static let newBankAccount = ClaimEvent.provideNewBankAccount(newAccount)
    static let cancel = ClaimEvent.cancel
    static let confirm = ClaimEvent.confirmDocumentsComplete
    static let requestCorrection = ClaimEvent.requestCorrection(Fixtures.correction)
    static let verify = ClaimEvent.verify
    static let approve = ClaimEvent.approve
    static let returnForReview = ClaimEvent.returnForReview(reason: "The balance does not match the ledger.")
    static let recordPayment = ClaimEvent.recordPayment
    static let recordPaymentFailure = ClaimEvent.recordPaymentFailure(reason: "The account is inactive.")
    static let reject = ClaimEvent.reject(reason: "The claim reason does not apply.")

    /// One example of every event.
    static let allEvents: [ClaimEvent] = [
        submit, resubmit, newBankAccount, cancel, confirm, requestCorrection, verify, approve, returnForReview, recordPayment,
        recordPaymentFailure, reject,
    ]
    static let participantEvents: [ClaimEvent] = [submit, resubmit, newBankAccount, cancel]
    static let officerEvents: [ClaimEvent] = [
        confirm, requestCorrection, verify, approve, returnForReview, recordPayment, recordPaymentFailure, reject,
    ]

    static let statusChanged = WorkflowAction.notifyParticipant(.statusChanged)

    /// Every allowed transition: (event, from, to, actions returned), from DESIGN.md "Office side".
    static let allowed: [(ClaimEvent, ClaimStatus, ClaimStatus, [WorkflowAction])] = [
        (submit, .draft, .submitted, []),
        (resubmit, .correctionRequested, .submitted, []),
        (newBankAccount, .paymentFailed, .approved, []),
        (newBankAccount, .correctionRequested, .correctionRequested, []),
        (cancel, .draft, .cancelled, []),
        (cancel, .submitted, .cancelled, []),
        (cancel, .correctionRequested, .cancelled, []),
        (confirm, .submitted, .documentsChecked, [statusChanged]),
        (requestCorrection, .submitted, .correctionRequested, [.notifyParticipant(.correctionRequested)]),
        (requestCorrection, .documentsChecked, .correctionRequested, [.notifyParticipant(.correctionRequested)]),
        (requestCorrection, .verified, .correctionRequested, [.notifyParticipant(.correctionRequested)]),
        (verify, .documentsChecked, .verified, [statusChanged]),
        (approve, .verified, .approved, [statusChanged]),
        (returnForReview, .verified, .documentsChecked, [statusChanged]),
        (recordPayment, .approved, .paid, [statusChanged, .offerSurvey]),
        (recordPaymentFailure, .approved, .paymentFailed, [.notifyParticipant(.paymentFailed)]),
        (reject, .submitted, .rejected, [statusChanged]),
        (reject, .documentsChecked, .rejected, [statusChanged]),
        (reject, .verified, .rejected, [statusChanged]),
    ]

    /// Every (event, status) pair not in ``allowed``.
    static let disallowed: [(ClaimEvent, ClaimStatus)] = allEvents.flatMap { event in
        ClaimStatus.allCases.filter { status in !allowed.contains { $0.0 == event && $0.1 == status } }.map { (event, $0) }
    }

    /// The owner for participant events, an officer with every role for officer events.
    static func actor(for event: ClaimEvent) -> WorkflowActor {
        participantEvents.contains(event) ? owner : .officer(Fixtures.allRoles)
    }
}
