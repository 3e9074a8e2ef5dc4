import Foundation
import HTTPTypes
import Logging
import Models

extension ClaimOffice {
    /// Finance's payment and what the bank did with it.
    struct PaymentOutcome: Sendable {
        var transferID: String?
        var failure: PaymentFailureCause?
        var step: Step
    }

    /// Pays an approved claim through the bank. The workflow (role, branch, four-eyes, state)
    /// is checked before the bank is called, so a refused step never moves money. The bank
    /// order's key is the claim and its payment attempt: a retry after a fault is answered by
    /// the bank from its first outcome, so money never moves twice.
    func pay(_ claimID: Claim.ID, by officer: Officer) async throws -> PaymentOutcome {
        let (claim, _) = try await check(.recordPayment, on: claimID, by: officer)
        // Right amount: the money leaves only when the ledger still covers the claim and has not paid it.
        guard let account = try await store.account(id: claim.participantID) else { throw Problem.internalError }
        guard account.membership.balance >= claim.grossAmount else {
            logger.info("payment refused: the ledger no longer covers the claim", metadata: ["claim": "\(claimID)"])
            throw Problem.balanceInsufficient(balance: account.membership.balance, gross: claim.grossAmount)
        }
        guard let account = claim.bankAccount else {
            throw Problem(
                status: .conflict,
                code: "claim.bankAccountMissing",
                title: "No bank account",
                detail: "The claim has no bank account to pay into; ask the participant for one."
            )
        }
        let failures = try await store.auditTrail(of: claimID).filter { $0.event == "recordPaymentFailure" }
        let order = TransferOrder(
            idempotencyKey: "\(claimID.rawValue.uuidString)-\(failures.count + 1)",
            account: account,
            amount: claim.netAmount,
            reference: "JHT \(claimID.rawValue.uuidString.prefix(8))"
        )
        let outcome: TransferOutcome
        do {
            outcome = try await bank.transfer(order)
        } catch {
            logger.warning(
                "bank transfer failed to run",
                metadata: ["claim": "\(claimID)", "error": "\(String(reflecting: type(of: error)))"]
            )
            throw Problem.adapterUnavailable("bank")
        }
        switch outcome {
        case .completed(let transferID):
            let step = try await apply(
                .recordPayment,
                to: claimID,
                by: officer,
                annotation: Annotation(note: "Bank transfer \(transferID).")
            )
            return PaymentOutcome(transferID: transferID, failure: nil, step: step)
        case .failed(let cause):
            let reason = "The bank refused the transfer: \(cause.explanation)."
            let step = try await apply(
                .recordPaymentFailure(reason: reason),
                to: claimID,
                by: officer,
                annotation: Annotation(causes: [AuditCause.payment(cause)], noticeCause: cause.explanation)
            )
            return PaymentOutcome(transferID: nil, failure: cause, step: step)
        }
    }
}
