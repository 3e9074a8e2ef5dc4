import Foundation
import Models
import Sync

extension BucketDraft {
    /// Appends `entries` to the participant's ledger and rewrites the synced membership
    /// statement with the balance they leave, in the same transaction.
    mutating func post(_ entries: [LedgerEntry], account: ParticipantAccount, ledger: Ledger) throws {
        changes.ledger += entries
        try refreshMembership(account, ledger: Ledger(entries: ledger.entries + entries))
    }

    /// Writes the membership statement when it differs from what `account` and `ledger` say.
    mutating func refreshMembership(_ account: ParticipantAccount, ledger: Ledger) throws {
        let statement = MembershipStatement(participantID: account.participant.id, membership: ledger.applied(to: account.membership))
        let key = RecordKey(type: MembershipStatement.syncSchema.type, id: statement.recordID)
        if let current = try model(MembershipStatement.self, key) {
            try update(from: current, to: statement)
        } else {
            try create(statement)
        }
    }
}
