import Foundation

/// One secret that signs or verifies tokens, named by its key id (`kid`), which every token
/// carries so the verifier picks the right key.
public struct SigningKey: Codable, Hashable, Sendable {
    /// The key id: `k` + the creation date + random hex, for example `k20261122-3fa9c1`.
    public var kid: String
    /// 32 random bytes, Base64url.
    public var secret: String
    public var createdAt: Date
    /// From then on it signs. Until then it only verifies, so every process has it before the
    /// first token signed with it arrives.
    public var activatesAt: Date
    /// From then on it no longer verifies; `nil` while it is in use.
    public var retiredAt: Date?

    public init(kid: String, secret: String, createdAt: Date, activatesAt: Date, retiredAt: Date? = nil) {
        self.kid = kid
        self.secret = secret
        self.createdAt = createdAt
        self.activatesAt = activatesAt
        self.retiredAt = retiredAt
    }

    /// A new random key.
    public static func make(at now: Date, activatesAt: Date? = nil) -> SigningKey {
        SigningKey(
            kid: KeyID.make("k", at: now),
            secret: TokenService.randomToken(bytes: 32),
            createdAt: now,
            activatesAt: activatesAt ?? now
        )
    }

    func isVerifying(at now: Date) -> Bool { retiredAt.map { $0 > now } ?? true }
}

/// The signing keys in force: the newest active key signs; every key not retired verifies.
/// Rotation adds a key that activates later and retires old keys only when no token they
/// signed can still be valid, so nobody is signed out by a rotation.
///
/// The key file holds the key-encryption keys beside them (``KeyEncryptionKey``): they wrap the
/// data keys that seal personal data in the database, and like the signing keys they must
/// never be in it.
public struct SigningKeyRing: Codable, Hashable, Sendable {
    public var keys: [SigningKey]
    /// The key-encryption keys (`keyEncryptionKeys` in the file; absent in a file written
    /// before personal data was sealed, which gets one on the next start).
    public var keyEncryptionKeys: [KeyEncryptionKey]

    public init(keys: [SigningKey], keyEncryptionKeys: [KeyEncryptionKey] = []) {
        self.keys = keys
        self.keyEncryptionKeys = keyEncryptionKeys
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keys = try container.decode([SigningKey].self, forKey: .keys)
        keyEncryptionKeys = try container.decodeIfPresent([KeyEncryptionKey].self, forKey: .keyEncryptionKeys) ?? []
    }

    /// A ring of one new signing key and one new key-encryption key. The signing key signs
    /// whatever the clock says (no process has another key to wait for, and a server on a
    /// simulated clock in the past can sign too).
    public static func new(at now: Date) -> SigningKeyRing {
        SigningKeyRing(keys: [.make(at: now, activatesAt: Date(timeIntervalSince1970: 0))], keyEncryptionKeys: [.make(at: now)])
    }

    /// The key-encryption keys as a ring.
    public var keyEncryption: KeyEncryptionKeyRing { KeyEncryptionKeyRing(keys: keyEncryptionKeys) }

    /// The key that signs at `now`: the one activated last among those not retired.
    public func signing(at now: Date) -> SigningKey? {
        keys.filter { $0.activatesAt <= now && $0.isVerifying(at: now) }.max { $0.activatesAt < $1.activatesAt }
    }

    /// The key named `kid`, if it still verifies at `now`.
    public func verifying(kid: Substring, at now: Date) -> SigningKey? {
        keys.first { $0.kid == kid && $0.isVerifying(at: now) }
    }

    /// Adds a new key that starts signing after `activationDelay` (long enough for every process
    /// to read it first) and returns it.
    @discardableResult
    public mutating func rotate(at now: Date, activationDelay: TimeInterval) -> SigningKey {
        let key = SigningKey.make(at: now, activatesAt: now.addingTimeInterval(activationDelay))
        keys.append(key)
        return key
    }

    /// Retires `kid`: tokens it signed stop working. Refused for the key that signs now (or will
    /// sign next), and for a key that signed within `tokenLifetime` (its tokens would be cut
    /// short, signing people out) unless `force`.
    public mutating func retire(kid: String, at now: Date, tokenLifetime: TimeInterval, force: Bool = false) throws(KeyRingError) {
        guard let index = keys.firstIndex(where: { $0.kid == kid }) else { throw .unknownKey(kid) }
        guard keys[index].retiredAt == nil else { throw .alreadyRetired(kid) }
        let signingNow = signing(at: now)
        guard keys[index].kid != signingNow?.kid, keys[index].activatesAt <= now else { throw .stillSigning(kid) }
        // It stopped signing when the next key activated.
        let replacedAt =
            keys.filter { $0.activatesAt > keys[index].activatesAt && $0.activatesAt <= now }.map(\.activatesAt).min() ?? now
        let safeFrom = replacedAt.addingTimeInterval(tokenLifetime)
        guard force || safeFrom <= now else { throw .tokensStillValid(kid, until: safeFrom) }
        keys[index].retiredAt = now
    }
}

/// Why a key ring change was refused.
public enum KeyRingError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownKey(String)
    case alreadyRetired(String)
    case stillSigning(String)
    case tokensStillValid(String, until: Date)

    public var description: String {
        switch self {
        case .unknownKey(let kid): "No key \(kid) in the ring."
        case .alreadyRetired(let kid): "Key \(kid) is retired already."
        case .stillSigning(let kid): "Key \(kid) signs tokens now (or will next); rotate first, then retire it."
        case .tokensStillValid(let kid, let until):
            "Tokens signed by \(kid) stay valid until \(until.formatted(.iso8601)); retire it then (or --force, signing their holders out)."
        }
    }
}
