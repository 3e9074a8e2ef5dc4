import Foundation
import Models

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
    /// The token was valid; it is now replaced by the new one of the same family.
    case rotated(PrincipalRef, family: UUID)
    /// No such token.
    case unknown
    /// The token has expired or its family was revoked.
    case expired
    /// The token was already used: its whole family is now revoked (likely theft).
    case reused(family: UUID)
    /// The token belongs to another device.
    case wrongDevice
}

/// What sign-in keeps: one-time-code challenges and refresh-token families. Implemented by
/// ``SQLiteStore`` (`SQLiteStore+Auth.swift`) and ``PostgresStore`` (`PostgresStore+Auth.swift`);
/// ``Store`` refines it.
public protocol AuthStore: Sendable {
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
    /// The family (sign-in) of a refresh token; `nil` when the token is unknown.
    func family(ofRefreshTokenDigest digest: String) async throws -> UUID?
    /// Ends a sign-in: none of its refresh tokens works any more. A store several processes
    /// share announces it (``RevocationAnnouncing``), so their access tokens end everywhere.
    func revokeFamily(_ family: UUID, at date: Date) async throws
    /// The families ended since `date`, with when they ended: what ``RevokedSessions`` loads
    /// when the service starts.
    func revokedFamilies(since date: Date) async throws -> [UUID: Date]

    /// An identity's wrong codes; `nil` when none are on record.
    func lockout(of principal: PrincipalRef) async throws -> LockoutState?
    /// Counts one wrong code for the identity under `policy`, in one transaction (two processes
    /// counting at once both count), and returns the new state.
    func recordWrongCode(of principal: PrincipalRef, policy: LockoutPolicy, at date: Date) async throws -> LockoutState
    /// A right code: the identity's count starts again.
    func clearLockout(of principal: PrincipalRef) async throws
}

/// A store several server processes share tells each of them about every sign-in that ends
/// (a sign-out, a reused refresh token), so each refuses its access tokens at once.
public protocol RevocationAnnouncing: Sendable {
    /// Calls `onListening` once it listens (read what ended before, then), and `onRevoke` with
    /// every family that ends afterwards, in any process, until the calling task is cancelled
    /// (returns) or the connection fails (throws).
    func listenForRevocations(
        onListening: @escaping @Sendable () async throws -> Void,
        onRevoke: @escaping @Sendable (UUID) -> Void
    ) async throws
}
