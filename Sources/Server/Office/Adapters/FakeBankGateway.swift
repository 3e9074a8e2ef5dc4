import Foundation
import Models
import Synchronization

/// A bank that behaves like one, deterministically, for demos and tests: accounts it knows
/// have a holder and may be inactive; accounts it does not know are active and held by the
/// name on the order. It checks the holder's name as banks do (case, spaces and punctuation
/// ignored), refuses inactive and unknown-number accounts, and remembers every order by its
/// idempotency key so a retried order is answered, not paid, twice.
public final class FakeBankGateway: BankGateway {
    /// An account as the bank holds it.
    public struct Account: Hashable, Sendable {
        public var bank: Bank
        public var number: String
        public var holderName: String
        public var isActive: Bool

        public init(bank: Bank, number: String, holderName: String, isActive: Bool = true) {
            self.bank = bank
            self.number = number
            self.holderName = holderName
            self.isActive = isActive
        }
    }

    struct AccountKey: Hashable {
        var bankCode: String
        var number: String
    }

    private let accounts: [AccountKey: Account]
    private let unknownAccounts: Set<AccountKey>
    private let ledger = Mutex<[String: (order: TransferOrder, outcome: TransferOutcome)]>([:])

    /// - Parameters:
    ///   - accounts: accounts the bank knows.
    ///   - unknownNumbers: account numbers the bank has never issued (`accountNotFound`).
    public init(accounts: [Account] = [], unknownNumbers: [(Bank, String)] = []) {
        self.accounts = Dictionary(
            accounts.map { (AccountKey(bankCode: $0.bank.code, number: $0.number), $0) },
            uniquingKeysWith: { _, last in last }
        )
        self.unknownAccounts = Set(unknownNumbers.map { AccountKey(bankCode: $0.0.code, number: $0.1) })
    }

    public func transfer(_ order: TransferOrder) async throws -> TransferOutcome {
        ledger.withLock { ledger in
            if let earlier = ledger[order.idempotencyKey] { return earlier.outcome }
            let outcome = decide(order)
            ledger[order.idempotencyKey] = (order, outcome)
            return outcome
        }
    }

    func decide(_ order: TransferOrder) -> TransferOutcome {
        let key = AccountKey(bankCode: order.account.bank.code, number: order.account.number)
        if unknownAccounts.contains(key) { return .failed(.accountNotFound) }
        guard let account = accounts[key] else { return .completed(transferID: Self.transferID(order)) }
        guard account.isActive else { return .failed(.inactiveAccount) }
        guard Self.sameName(account.holderName, order.account.holderName) else { return .failed(.holderNameMismatch) }
        return .completed(transferID: Self.transferID(order))
    }

    /// Transfers completed so far, oldest key first (for tests: how much was paid, and how often).
    public var completedTransfers: [TransferOrder] {
        ledger.withLock { ledger in
            ledger.values.filter { if case .completed = $0.outcome { true } else { false } }.map(\.order)
                .sorted { $0.idempotencyKey < $1.idempotencyKey }
        }
    }

    static func transferID(_ order: TransferOrder) -> String { "TRF-\(order.idempotencyKey)" }

    static func sameName(_ a: String, _ b: String) -> Bool {
        func normal(_ text: String) -> String { text.uppercased().filter { $0.isLetter } }
        return normal(a) == normal(b)
    }
}
