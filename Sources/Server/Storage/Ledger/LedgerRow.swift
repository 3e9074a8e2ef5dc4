import Foundation
import Models

/// A ledger entry as both stores keep it: the amount and time in columns (so the balance is the
/// sum of a participant's rows), the source as stored JSON, and the paid claim in a column of
/// its own, unique, so that no claim is ever debited twice.
struct LedgerRow: Sendable {
    var id: String
    var participantID: String
    var claimID: String?
    var amount: Int64
    var source: Data
    var at: Double

    init(_ entry: LedgerEntry) throws {
        id = entry.id.rawValue.uuidString
        participantID = entry.participantID.rawValue.uuidString
        claimID = entry.paidClaim?.rawValue.uuidString
        amount = entry.amount.amount
        source = try StoredJSON.encoder.encode(entry.source)
        at = entry.at.timeIntervalSince1970
    }

    init(id: String, participantID: String, claimID: String?, amount: Int64, source: Data, at: Double) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.amount = amount
        self.source = source
        self.at = at
    }

    var entry: LedgerEntry {
        get throws {
            LedgerEntry(
                id: .init(try StoredValue.uuid(id)),
                participantID: .init(try StoredValue.uuid(participantID)),
                amount: Rupiah(amount),
                source: try StoredJSON.decoder.decode(LedgerEntry.Source.self, from: source),
                at: Date(timeIntervalSince1970: at)
            )
        }
    }

    /// The opening entry for an account recorded with `balance` before it had a ledger.
    static func opening(_ participant: Participant.ID, balance: Rupiah, at date: Date) -> LedgerEntry {
        LedgerEntry(participantID: participant, amount: balance, source: .openingBalance, at: date)
    }
}
