import Foundation

/// One movement of a participant's JHT balance. The balance is the sum of the participant's
/// entries, which are only ever appended (DESIGN.md, "Money"): contributions and returns credit
/// it, a paid claim debits it, each entry saying where it came from.
public struct LedgerEntry: Codable, Hashable, Sendable, Identifiable {
    /// An entry's identifier: chosen by whoever posts it, so posting it again changes nothing.
    public typealias ID = Tagged<LedgerEntry, UUID>

    /// Where an entry comes from.
    public enum Source: Codable, Hashable, Sendable {
        /// The balance carried over when the account was first recorded here.
        case openingBalance
        /// An employer's monthly contribution (employer and employee shares), by period (`YYYY-MM`).
        case contribution(period: String, employer: String)
        /// The year's development (investment return) on the balance.
        case returns(year: Int)
        /// A correction of earlier entries (for example an employer's reversed report), with why.
        case correction(reason: String)
        /// A claim paid out: its gross amount leaves the balance.
        case claimPayment(claimID: Claim.ID, reason: ClaimReason)
    }

    /// The entry's identifier.
    public var id: ID
    /// Whose balance it moves.
    public var participantID: Participant.ID
    /// Positive for a credit, negative for a debit.
    public var amount: Rupiah
    /// Where it comes from.
    public var source: Source
    /// When it was posted.
    public var at: Date

    /// An entry of `amount` from `source` on `participantID`'s balance.
    public init(id: ID = ID(UUID()), participantID: Participant.ID, amount: Rupiah, source: Source, at: Date) {
        self.id = id
        self.participantID = participantID
        self.amount = amount
        self.source = source
        self.at = at
    }

    /// The debit that pays `claim`'s gross amount. Its id is derived from the claim's, so a
    /// claim can never be debited twice: a second one is the same entry.
    public static func payment(of claim: Claim, at date: Date) -> LedgerEntry {
        LedgerEntry(
            id: paymentID(of: claim.id),
            participantID: claim.participantID,
            amount: Rupiah(0) - claim.grossAmount,
            source: .claimPayment(claimID: claim.id, reason: claim.reason),
            at: date
        )
    }

    /// The id of the debit that pays `claim` (the claim id's bytes under a fixed mask: a
    /// bijection, so two claims never share one).
    public static func paymentID(of claim: Claim.ID) -> ID {
        let mask: [UInt8] = [0x1E, 0xD6, 0xE2, 0x77, 0x0A, 0x3C, 0x00, 0x95, 0x00, 0x4B, 0x61, 0xC8, 0xF0, 0x2D, 0x9E, 0x53]
        var bytes = withUnsafeBytes(of: claim.rawValue.uuid) { Array($0) }
        for index in bytes.indices { bytes[index] ^= mask[index] }
        return ID(UUID(uuid: bytes.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }))
    }

    /// The claim this entry pays, when it is a payment.
    public var paidClaim: Claim.ID? {
        if case .claimPayment(let claimID, _) = source { return claimID }
        return nil
    }

    /// The reason of the claim this entry pays, when it is a payment.
    public var paidReason: ClaimReason? {
        if case .claimPayment(_, let reason) = source { return reason }
        return nil
    }
}

extension LedgerEntry.Source {
    // On the wire and at rest: `{"kind": "contribution", "period": "2026-11", "employer": "..."}`.
    private enum CodingKeys: String, CodingKey { case kind, period, employer, year, reason, claimID, claimReason }
    private enum Kind: String, Codable { case openingBalance, contribution, returns, correction, claimPayment }

    /// Decodes a source from its `kind` and that kind's fields.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .openingBalance: self = .openingBalance
        case .contribution:
            self = .contribution(period: try c.decode(String.self, forKey: .period), employer: try c.decode(String.self, forKey: .employer))
        case .returns: self = .returns(year: try c.decode(Int.self, forKey: .year))
        case .correction: self = .correction(reason: try c.decode(String.self, forKey: .reason))
        case .claimPayment:
            self = .claimPayment(
                claimID: try c.decode(Claim.ID.self, forKey: .claimID),
                reason: try c.decode(ClaimReason.self, forKey: .claimReason)
            )
        }
    }

    /// Encodes the source as its `kind` and that kind's fields.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .openingBalance:
            try c.encode(Kind.openingBalance, forKey: .kind)
        case .contribution(let period, let employer):
            try c.encode(Kind.contribution, forKey: .kind)
            try c.encode(period, forKey: .period)
            try c.encode(employer, forKey: .employer)
        case .returns(let year):
            try c.encode(Kind.returns, forKey: .kind)
            try c.encode(year, forKey: .year)
        case .correction(let reason):
            try c.encode(Kind.correction, forKey: .kind)
            try c.encode(reason, forKey: .reason)
        case .claimPayment(let claimID, let reason):
            try c.encode(Kind.claimPayment, forKey: .kind)
            try c.encode(claimID, forKey: .claimID)
            try c.encode(reason, forKey: .claimReason)
        }
    }
}
