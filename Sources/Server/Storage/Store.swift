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

/// Who a sign-in challenge or a token belongs to.
public enum PrincipalRef: Hashable, Sendable {
    case participant(Participant.ID)
    case officer(Officer.ID)

    /// `participant` or `officer`.
    public var kind: String {
        switch self {
        case .participant: "participant"
        case .officer: "officer"
        }
    }

    /// The principal's UUID.
    public var id: UUID {
        switch self {
        case .participant(let id): id.rawValue
        case .officer(let id): id.rawValue
        }
    }

    /// Rebuilds a reference from its stored parts.
    public init?(kind: String, id: UUID) {
        switch kind {
        case "participant": self = .participant(.init(id))
        case "officer": self = .officer(.init(id))
        default: return nil
        }
    }
}

/// A pending one-time-code sign-in.
public struct SignInChallengeRecord: Hashable, Sendable {
    public var id: UUID
    public var principal: PrincipalRef
    public var deviceID: DeviceID
    /// HMAC of the code under the server's secret; the code itself is never stored.
    public var codeDigest: String
    public var createdAt: Date
    public var expiresAt: Date
    public var failedAttempts: Int
    public var consumedAt: Date?

    public init(
        id: UUID,
        principal: PrincipalRef,
        deviceID: DeviceID,
        codeDigest: String,
        createdAt: Date,
        expiresAt: Date,
        failedAttempts: Int = 0,
        consumedAt: Date? = nil
    ) {
        self.id = id
        self.principal = principal
        self.deviceID = deviceID
        self.codeDigest = codeDigest
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.failedAttempts = failedAttempts
        self.consumedAt = consumedAt
    }
}

/// A refresh token, stored by its SHA-256 digest. Tokens of one sign-in form a family;
/// each works once and is replaced by the next.
public struct RefreshTokenRecord: Hashable, Sendable {
    public var digest: String
    public var familyID: UUID
    public var principal: PrincipalRef
    public var deviceID: DeviceID
    public var createdAt: Date
    public var expiresAt: Date

    public init(digest: String, familyID: UUID, principal: PrincipalRef, deviceID: DeviceID, createdAt: Date, expiresAt: Date) {
        self.digest = digest
        self.familyID = familyID
        self.principal = principal
        self.deviceID = deviceID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What happened when a refresh token was presented.
public enum RefreshRotation: Hashable, Sendable {
    /// The token was valid; it is now replaced by the new one.
    case rotated(PrincipalRef)
    /// No such token.
    case unknown
    /// The token has expired or its family was revoked.
    case expired
    /// The token was already used: its whole family is now revoked (likely theft).
    case reused
    /// The token belongs to another device.
    case wrongDevice
}

/// Everything the service keeps. Implementations: ``SQLiteStore`` (embedded, the default) and
/// ``PostgresStore`` (one database several server processes share). One contract test suite
/// runs against each.
///
/// Methods that change several rows do so in one transaction.
public protocol Store: BucketStore, SyncStore, OfficeStore, AppointmentStore, UploadStore {
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

    func insert(challenge: SignInChallengeRecord) async throws
    func challenge(id: UUID) async throws -> SignInChallengeRecord?
    /// Challenges created for `principal` since `date`, for rate limiting.
    func challengeCount(for principal: PrincipalRef, since date: Date) async throws -> Int
    /// Counts one wrong code; returns the new count.
    func recordFailedAttempt(challengeID: UUID) async throws -> Int
    /// Marks the challenge used; `false` when it already was (a replayed exchange).
    func consume(challengeID: UUID, at date: Date) async throws -> Bool

    func insert(refreshToken: RefreshTokenRecord) async throws
    /// Swaps a presented refresh token for `replacement` in one transaction.
    func rotate(
        refreshTokenDigest: String,
        deviceID: DeviceID,
        replacement: RefreshTokenRecord,
        at date: Date
    ) async throws
        -> RefreshRotation
    /// Revokes the family of a token; `false` when the token is unknown.
    func revokeFamily(ofRefreshTokenDigest digest: String, at date: Date) async throws -> Bool

    /// A server-wide setting, created with `makeValue()` the first time it is read, so that
    /// every process sharing the store agrees on it (for example the token signing key).
    func setting(_ name: String, orInsert makeValue: @Sendable () -> String) async throws -> String
}
