import Foundation
import Models

/// The bank that pays claims into participants' accounts (outside our walls). Transfers are
/// idempotent by ``TransferOrder/idempotencyKey``: sending the same order again returns the
/// first outcome and moves no money twice.
public protocol BankGateway: Sendable {
    /// Sends `order`; the outcome says whether the money arrived.
    /// - Throws: when the bank cannot be reached (a transient fault: nothing was paid).
    func transfer(_ order: TransferOrder) async throws -> TransferOutcome
}

/// One payment of a claim.
public struct TransferOrder: Hashable, Sendable {
    /// The same key for a retry of the same payment attempt.
    public var idempotencyKey: String
    public var account: BankAccount
    public var amount: Rupiah
    /// The reference the participant sees on the statement.
    public var reference: String

    public init(idempotencyKey: String, account: BankAccount, amount: Rupiah, reference: String) {
        self.idempotencyKey = idempotencyKey
        self.account = account
        self.amount = amount
        self.reference = reference
    }
}

/// What the bank did with a transfer.
public enum TransferOutcome: Hashable, Sendable {
    /// The money is in the account; the bank's transfer id.
    case completed(transferID: String)
    /// The bank refused it; nothing was paid.
    case failed(PaymentFailureCause)
}

/// No bank is connected (production without an adapter): every transfer fails with a clear
/// error and nothing is paid.
public struct UnconfiguredBankGateway: BankGateway {
    public init() {}

    public func transfer(_ order: TransferOrder) async throws -> TransferOutcome {
        throw AdapterUnavailable(adapter: "bank", detail: "no bank adapter is configured")
    }
}
