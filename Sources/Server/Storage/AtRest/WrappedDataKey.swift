import Crypto
import Foundation

/// A data key as a store keeps it: 32 random bytes sealed (AES-256-GCM) under a
/// ``KeyEncryptionKey`` that the database does not hold, with the ids of both.
public struct WrappedDataKey: Hashable, Sendable {
    /// What a data key does.
    public enum Use: String, Hashable, Sendable {
        /// Seals values (``AtRestCipher/seal(_:for:)``); the newest seals, every one opens.
        case seal
        /// Keys the lookup digests (``AtRestCipher/digest(_:for:)``); a store has one.
        case lookup
    }

    /// Why the data keys could not be unwrapped.
    public enum UnwrapError: Error, Hashable, Sendable, CustomStringConvertible {
        case missingKeyEncryptionKey(dataKey: String, wrappedBy: String)
        case damaged(dataKey: String)
        case noKeys

        /// Why, in words, with the key ids (never a key).
        public var description: String {
            switch self {
            case .missingKeyEncryptionKey(let dataKey, let wrappedBy):
                "data key \(dataKey) is wrapped by key-encryption key \(wrappedBy), which is not in the key file "
                    + "(give the server the key file this database was used with)"
            case .damaged(let dataKey): "data key \(dataKey) does not unwrap: damaged, or wrapped by another key of that id"
            case .noKeys: "the database holds no data keys"
            }
        }
    }

    /// The data key's id (`d…` seals, `l…` keys the lookup digests); sealed values start with it.
    public var kid: String
    /// What the key does.
    public var use: Use
    /// The key's 32 bytes sealed (AES-GCM nonce, ciphertext and tag) under ``wrappedBy``.
    public var wrapped: Data
    /// The kid of the key-encryption key that wraps it.
    public var wrappedBy: String
    /// From then on it seals (a sealing key). Until then it only opens, so every process has it
    /// before the first value sealed with it reaches them.
    public var activatesAt: Date

    /// A wrapped key of these parts (as a store reads it back).
    public init(kid: String, use: Use, wrapped: Data, wrappedBy: String, activatesAt: Date) {
        self.kid = kid
        self.use = use
        self.wrapped = wrapped
        self.wrappedBy = wrappedBy
        self.activatesAt = activatesAt
    }

    /// A new random data key wrapped by `wrapping`, sealing from `activatesAt`.
    public static func make(_ use: Use, wrappedBy wrapping: KeyEncryptionKey, at now: Date, activatesAt: Date) throws -> WrappedDataKey {
        let kid = KeyID.make(use == .seal ? "d" : "l", at: now)
        return try wrap(SymmetricKey(size: .bits256), kid: kid, use: use, by: wrapping, activatesAt: activatesAt)
    }

    /// The keys of a store that has none yet: one that seals at once and the lookup key.
    public static func first(wrappedBy wrapping: KeyEncryptionKey, at now: Date) throws -> [WrappedDataKey] {
        let always = Date(timeIntervalSince1970: 0)
        return [
            try make(.seal, wrappedBy: wrapping, at: now, activatesAt: always),
            try make(.lookup, wrappedBy: wrapping, at: now, activatesAt: always),
        ]
    }

    /// The same key wrapped by `wrapping` instead (a rotation of the key-encryption key).
    public func rewrapped(by wrapping: KeyEncryptionKey, from ring: KeyEncryptionKeyRing) throws -> WrappedDataKey {
        try Self.wrap(try unwrap(with: ring), kid: kid, use: use, by: wrapping, activatesAt: activatesAt)
    }

    /// The data key itself.
    func unwrap(with ring: KeyEncryptionKeyRing) throws(UnwrapError) -> SymmetricKey {
        guard let kek = ring.key(kid: wrappedBy)?.symmetricKey else { throw .missingKeyEncryptionKey(dataKey: kid, wrappedBy: wrappedBy) }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            return SymmetricKey(data: try AES.GCM.open(box, using: kek, authenticating: Self.authenticated(kid: kid, use: use)))
        } catch {
            throw .damaged(dataKey: kid)
        }
    }

    private static func wrap(
        _ key: SymmetricKey,
        kid: String,
        use: Use,
        by wrapping: KeyEncryptionKey,
        activatesAt: Date
    ) throws -> WrappedDataKey {
        guard let kek = wrapping.symmetricKey else { throw UnwrapError.damaged(dataKey: wrapping.kid) }
        let bytes = key.withUnsafeBytes { Data($0) }
        let box = try AES.GCM.seal(bytes, using: kek, authenticating: authenticated(kid: kid, use: use))
        return WrappedDataKey(kid: kid, use: use, wrapped: box.combined!, wrappedBy: wrapping.kid, activatesAt: activatesAt)
    }

    /// The data key's id and use are authenticated with it: a wrapped key cannot be passed off
    /// under another id or for another use.
    private static func authenticated(kid: String, use: Use) -> Data { Data("jht.dataKey.\(use.rawValue).\(kid)".utf8) }
}

extension AtRestCipher {
    /// The cipher of a store's data keys, unwrapped with `ring`: the last activated sealing key
    /// seals, every sealing key opens, the lookup key (the first, were there ever two) digests.
    public init(unwrapping dataKeys: [WrappedDataKey], with ring: KeyEncryptionKeyRing) throws {
        let sealing = dataKeys.filter { $0.use == .seal }
        guard !sealing.isEmpty, let lookup = dataKeys.filter({ $0.use == .lookup }).min(by: { $0.kid < $1.kid }) else {
            throw WrappedDataKey.UnwrapError.noKeys
        }
        var keys: [String: SymmetricKey] = [:]
        for key in sealing { keys[key.kid] = try key.unwrap(with: ring) }
        self.init(keys: keys, sealing: sealing.map { ($0.kid, $0.activatesAt) }, lookupKey: try lookup.unwrap(with: ring))
    }
}

extension WrappedDataKey {
    /// A rotation: every key rewrapped by the ring's newest key-encryption key, and a new
    /// sealing key that seals from `activationDelay` later (every running server reads it
    /// first), so values sealed before stay readable and new ones are sealed under the new key.
    public static func rotated(
        _ keys: [WrappedDataKey],
        with ring: KeyEncryptionKeyRing,
        at now: Date,
        activationDelay: TimeInterval
    ) throws -> (keys: [WrappedDataKey], added: WrappedDataKey) {
        guard let wrapping = ring.wrapping else { throw UnwrapError.noKeys }
        let added = try make(.seal, wrappedBy: wrapping, at: now, activatesAt: now.addingTimeInterval(activationDelay))
        return (try keys.map { try $0.rewrapped(by: wrapping, from: ring) } + [added], added)
    }
}
