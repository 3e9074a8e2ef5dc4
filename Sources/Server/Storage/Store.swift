import Foundation
import Models
import Sync

/// A participant with their membership: what `GET /v1/me` shows and sign-in checks.
public struct ParticipantAccount: Hashable, Sendable {
    public var participant: Participant
    public var membership: Membership

    public init(participant: Participant, membership: Membership) {
        self.participant = participant
        self.membership = membership
    }

    /// The account with the balance `ledger` (the participant's own) holds: how every store
    /// reads an account, since the stored balance is never the truth.
    func withBalance(of ledger: Ledger) -> ParticipantAccount {
        var account = self
        account.membership = ledger.applied(to: membership)
        return account
    }
}

/// Everything the service keeps. Implementations: ``SQLiteStore`` (embedded, the default) and
/// ``PostgresStore`` (one database several server processes share). One contract test suite
/// runs against each.
///
/// Methods that change several rows do so in one transaction.
public protocol Store: BucketStore, AuthStore, SyncStore, OfficeStore, AppointmentStore, UploadStore, DataKeyStore {
    /// Checks the store answers (readiness).
    func ping() async throws
    /// A short name for health output: `sqlite` or `postgres`.
    var kind: String { get }

    func branches() async throws -> [Branch]
    func branch(id: Branch.ID) async throws -> Branch?
    func save(branch: Branch) async throws

    /// A participant and membership; the balance is the participant's ledger's.
    func account(nik: NIK) async throws -> ParticipantAccount?
    /// A participant and membership; the balance is the participant's ledger's.
    func account(id: Participant.ID) async throws -> ParticipantAccount?
    /// Records a participant and membership. The balance is the ledger's: a participant recorded
    /// for the first time with a balance gets it as the ledger's opening entry; later saves leave
    /// the ledger alone (entries are appended by bucket transactions).
    func save(account: ParticipantAccount) async throws
    /// A participant's ledger, oldest entry first.
    func ledger(of participant: Participant.ID) async throws -> Ledger

    func officer(employeeNumber: String) async throws -> Officer?
    func officer(id: Officer.ID) async throws -> Officer?
    func save(officer: Officer) async throws
}
