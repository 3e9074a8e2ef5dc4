/// A participant's ledger: the entries, oldest first, and what follows from them.
public struct Ledger: Hashable, Sendable {
    /// Every entry, oldest first.
    public var entries: [LedgerEntry]

    /// A ledger of `entries`, oldest first.
    public init(entries: [LedgerEntry]) { self.entries = entries }

    /// The JHT balance: every credit minus every debit.
    public var balance: Rupiah { entries.reduce(.zero) { $0 + $1.amount } }

    /// Whether `claim` has been paid (debited).
    public func hasPaid(_ claim: Claim.ID) -> Bool { entries.contains { $0.paidClaim == claim } }

    /// Whether a partial (10% or 30%) claim has been paid from this ledger.
    public var partialClaimPaid: Bool { entries.contains { $0.paidReason?.isPartial == true } }

    /// `membership` with the balance and the partial-claim fact this ledger establishes (a
    /// partial claim paid before the ledger began stays recorded on the membership).
    public func applied(to membership: Membership) -> Membership {
        var updated = membership
        updated.balance = balance
        updated.partialClaimTaken = membership.partialClaimTaken || partialClaimPaid
        return updated
    }
}
