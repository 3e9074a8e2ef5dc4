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
}

/// Everything the service keeps. Implementations: ``SQLiteStore`` (embedded, the default) and
/// ``PostgresStore`` (one database several server processes share). One contract test suite
/// runs against each.
///
/// Methods that change several rows do so in one transaction.
public protocol Store: AuthStore, SyncStore, OfficeStore, AppointmentStore, UploadStore {
    /// Checks the store answers (readiness).
    func ping() async throws
    /// A short name for health output: `sqlite` or `postgres`.
    var kind: String { get }

    func branches() async throws -> [Branch]
    func branch(id: Branch.ID) async throws -> Branch?
    func save(branch: Branch) async throws

    func account(nik: NIK) async throws -> ParticipantAccount?
    func account(id: Participant.ID) async throws -> ParticipantAccount?
    func save(account: ParticipantAccount) async throws

    func officer(employeeNumber: String) async throws -> Officer?
    func officer(id: Officer.ID) async throws -> Officer?
    func save(officer: Officer) async throws
}
