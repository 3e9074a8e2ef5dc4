import Crypto
import Foundation

/// A key-encryption key: it wraps the data keys a store keeps (``WrappedDataKey``) and is kept
/// outside the database, in the key file beside the signing keys (or `JHT_SIGNING_KEYS`), so a
/// copy of the database alone opens nothing.
public struct KeyEncryptionKey: Codable, Hashable, Sendable {
    /// The key id: `w` + the creation date + random hex, for example `w20261203-3fa9c1`.
    public var kid: String
    /// 32 random bytes, Base64url.
    public var secret: String
    /// When it was made; the newest wraps new data keys.
    public var createdAt: Date

    /// A key of these parts (read from the key file).
    public init(kid: String, secret: String, createdAt: Date) {
        self.kid = kid
        self.secret = secret
        self.createdAt = createdAt
    }

    /// A new random key.
    public static func make(at now: Date) -> KeyEncryptionKey {
        KeyEncryptionKey(kid: KeyID.make("w", at: now), secret: TokenService.randomToken(bytes: 32), createdAt: now)
    }

    /// Its 32 secret bytes as an AES key; `nil` when the secret is not 32 bytes of Base64url.
    var symmetricKey: SymmetricKey? {
        guard let bytes = Base64URL.decode(secret[...]), bytes.count == 32 else { return nil }
        return SymmetricKey(data: bytes)
    }
}

/// The key-encryption keys in force: the newest wraps new data keys; every one unwraps.
public struct KeyEncryptionKeyRing: Hashable, Sendable {
    /// Every key-encryption key of the key file.
    public var keys: [KeyEncryptionKey]

    /// The ring of `keys`.
    public init(keys: [KeyEncryptionKey]) { self.keys = keys }

    /// A ring of one new key (tests, in-memory stores).
    public static func new(at now: Date = Date()) -> KeyEncryptionKeyRing { KeyEncryptionKeyRing(keys: [.make(at: now)]) }

    /// The key that wraps new data keys: the newest.
    public var wrapping: KeyEncryptionKey? { keys.max { ($0.createdAt, $0.kid) < ($1.createdAt, $1.kid) } }

    /// The key named `kid`.
    public func key(kid: String) -> KeyEncryptionKey? { keys.first { $0.kid == kid } }
}

/// Key ids: a letter saying what the key is for, the creation date and random hex
/// (`k20261122-3fa9c1` signs tokens, `w…` wraps data keys, `d…` seals data).
enum KeyID {
    static func make(_ prefix: String, at now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let suffix = (0..<3).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let day = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return "\(prefix)\(day.replacingOccurrences(of: "-", with: ""))-\(suffix)"
    }
}
