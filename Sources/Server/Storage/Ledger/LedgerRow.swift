import Foundation
import Models

/// A ledger entry as both stores keep it: the time in a column, the paid claim in a column of
/// its own, unique, so that no claim is ever debited twice, and the amount with the source
/// sealed (``SealedLedgerEntry``; the `amount` column holds 0). Rows written before sealing
/// hold the amount in its column and the source as plain JSON; they read as they are.
struct LedgerRow: Sendable {
    var id: String
    var participantID: String
    var claimID: String?
    var amount: Int64
    var source: Data
    var at: Double

    /// The row of `entry`, sealed (or, with ``Sealing/plain``, as the ledger migration wrote it
    /// before sealing).
    init(_ entry: LedgerEntry, sealing: Sealing) throws {
        id = entry.id.rawValue.uuidString
        participantID = entry.participantID.rawValue.uuidString
        claimID = entry.paidClaim?.rawValue.uuidString
        at = entry.at.timeIntervalSince1970
        switch sealing {
        case .sealed:
            amount = 0
            source = try sealing.encode(SealedLedgerEntry(amount: entry.amount.amount, source: entry.source), for: .ledgerEntry)
        case .plain:
            amount = entry.amount.amount
            source = try StoredJSON.encoder.encode(entry.source)
        }
    }

    init(id: String, participantID: String, claimID: String?, amount: Int64, source: Data, at: Double) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.amount = amount
        self.source = source
        self.at = at
    }

    /// The entry the row holds.
    func entry(sealing: Sealing) throws -> LedgerEntry {
        let (amount, source): (Int64, LedgerEntry.Source)
        if AtRestCipher.isSealed(self.source) {
            let sealed = try sealing.decode(SealedLedgerEntry.self, from: self.source, for: .ledgerEntry)
            (amount, source) = (sealed.amount, sealed.source)
        } else {
            (amount, source) = (self.amount, try StoredJSON.decoder.decode(LedgerEntry.Source.self, from: self.source))
        }
        return LedgerEntry(
            id: .init(try StoredValue.uuid(id)),
            participantID: .init(try StoredValue.uuid(participantID)),
            amount: Rupiah(amount),
            source: source,
            at: Date(timeIntervalSince1970: at)
        )
    }

    /// The opening entry for an account recorded with `balance` before it had a ledger.
    static func opening(_ participant: Participant.ID, balance: Rupiah, at date: Date) -> LedgerEntry {
        LedgerEntry(participantID: participant, amount: balance, source: .openingBalance, at: date)
    }
}
