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
        var generator = SystemRandomNumberGenerator()
        let suffix = (0..<3).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let day = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return SigningKey(
            kid: "k\(day.replacingOccurrences(of: "-", with: ""))-\(suffix)",
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
public struct SigningKeyRing: Codable, Hashable, Sendable {
    public var keys: [SigningKey]

    public init(keys: [SigningKey]) { self.keys = keys }

    /// A ring of one new key. It signs whatever the clock says (no process has another key to
    /// wait for, and a server on a simulated clock in the past can sign too).
    public static func new(at now: Date) -> SigningKeyRing {
        SigningKeyRing(keys: [.make(at: now, activatesAt: Date(timeIntervalSince1970: 0))])
    }

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
