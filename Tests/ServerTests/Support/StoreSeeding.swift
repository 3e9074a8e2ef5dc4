import Foundation
import Models
import Server
import Sync

extension BucketStore {
    /// Writes `records` (and `audit`) into `bucket` in one bucket transaction, as a server step
    /// would; the change-log position after it.
    @discardableResult
    func seed(_ records: [SyncRecord], into bucket: BucketID, audit: [AuditEntry] = []) async throws -> Int64? {
        try await transact(BucketRequest(bucket: bucket)) { _ in
            BucketDecision(BucketChanges(writes: records, audit: audit), ())
        }.cursor
    }

    /// Appends `amount` to a participant's ledger (a correction, as finance would post it).
    func post(_ amount: Rupiah, to participant: Participant.ID, at date: Date = Date()) async throws {
        let entry = LedgerEntry(participantID: participant, amount: amount, source: .correction(reason: "test"), at: date)
        _ = try await transact(BucketRequest(bucket: .participant(participant.rawValue.uuidString))) { _ in
            BucketDecision(BucketChanges(ledger: [entry]), ())
        }
    }
}
