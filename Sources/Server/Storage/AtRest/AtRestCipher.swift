import Crypto
import Foundation

/// Seals personal data before a store keeps it, and opens it again: AES-256-GCM under a data
/// key, the key's id (`kid`) in front of every sealed value so any key of the ring opens what it
/// sealed, and a keyed digest (HMAC-SHA256 under a separate lookup key) for the values a store
/// must find rows by (NIK, KPJ) without keeping them.
///
/// The data keys live in the database wrapped by a key-encryption key that does not
/// (``WrappedDataKey``, ``KeyEncryptionKey``); this type only holds them unwrapped, in memory.
/// Both stores and the blob folder seal through it: one format, one path.
///
/// A sealed value: `0x00`, the format version `0x01`, the kid's length and ASCII bytes, then
/// AES-GCM's nonce, ciphertext and tag. The header and the value's ``Purpose`` are
/// authenticated with it, so a value sealed for one column does not open as another's. Stored
/// JSON and text never start with `0x00`, which tells sealed values from those written before
/// sealing.
public struct AtRestCipher: Sendable {
    /// What a sealed value is, bound into its authentication.
    public struct Purpose: Hashable, Sendable {
        /// The purpose's name, authenticated with every value sealed for it.
        public let rawValue: String
        /// The purpose named `rawValue`.
        public init(_ rawValue: String) { self.rawValue = rawValue }
    }

    /// Why a sealed value did not open.
    public enum OpenError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The bytes are not a sealed value (plain text or JSON written before sealing, or damage).
        case notSealed
        /// Sealed under a key this ring does not hold.
        case unknownKey(String)
        /// The tag does not match: damaged, or sealed for another purpose.
        case damaged

        /// Why, in words (no value, only the kid).
        public var description: String {
            switch self {
            case .notSealed: "not a sealed value"
            case .unknownKey(let kid): "sealed under data key \(kid), which is not in the ring"
            case .damaged: "the sealed value does not authenticate (damaged, or sealed for another use)"
            }
        }
    }

    static let marker: UInt8 = 0x00
    static let version: UInt8 = 0x01

    /// Data keys by kid.
    let keys: [String: SymmetricKey]
    /// The keys that seal, oldest activation first: the last one active seals.
    let sealing: [(kid: String, activatesAt: Date)]
    /// The key of the lookup digests.
    let lookupKey: SymmetricKey

    init(keys: [String: SymmetricKey], sealing: [(kid: String, activatesAt: Date)], lookupKey: SymmetricKey) {
        precondition(!sealing.isEmpty && sealing.allSatisfy { keys[$0.kid] != nil }, "the sealing keys are in the ring")
        self.keys = keys
        self.sealing = sealing.sorted { ($0.activatesAt, $0.kid) < ($1.activatesAt, $1.kid) }
        self.lookupKey = lookupKey
    }

    /// A cipher with fresh random keys, for tests and in-memory stores.
    public static func ephemeral() -> AtRestCipher {
        let kid = "d-ephemeral"
        return AtRestCipher(
            keys: [kid: SymmetricKey(size: .bits256)],
            sealing: [(kid, Date(timeIntervalSince1970: 0))],
            lookupKey: SymmetricKey(size: .bits256)
        )
    }

    /// The kid that seals at `now`: the last activated. A new key is known to every process
    /// before it activates (``WrappedDataKey/activatesAt``), so whatever it seals, they open.
    public func sealingKid(at now: Date = Date()) -> String {
        sealing.last { $0.activatesAt <= now }?.kid ?? sealing[0].kid
    }

    /// Seals `plaintext` for `purpose` under the sealing key.
    public func seal(_ plaintext: some DataProtocol, for purpose: Purpose) -> Data {
        let kid = sealingKid()
        let header = Self.header(kid: kid)
        // AES-GCM with a random 96-bit nonce; sealing only fails for a key of the wrong size.
        let box = try! AES.GCM.seal(plaintext, using: keys[kid]!, authenticating: Self.authenticated(header, purpose))
        return header + box.combined!
    }

    /// Opens a value ``seal(_:for:)`` made for `purpose`.
    public func open(_ sealed: Data, for purpose: Purpose) throws(OpenError) -> Data {
        guard let (kid, headerLength) = Self.parseHeader(sealed) else { throw .notSealed }
        guard let key = keys[kid] else { throw .unknownKey(kid) }
        let header = sealed.prefix(headerLength)
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(headerLength))
            return try AES.GCM.open(box, using: key, authenticating: Self.authenticated(header, purpose))
        } catch {
            throw .damaged
        }
    }

    /// The kid a sealed value names; `nil` for bytes that are not sealed.
    public static func kid(of bytes: Data) -> String? { parseHeader(bytes)?.kid }

    /// Whether `bytes` start as a sealed value does (stored JSON and text never do).
    public static func isSealed(_ bytes: Data) -> Bool { bytes.first == marker }

    /// The keyed digest a store finds a row by, instead of the value: HMAC-SHA256 under the
    /// lookup key of `purpose` and `value`, as lower-case hex.
    public func digest(_ value: String, for purpose: Purpose) -> String {
        var message = Data(purpose.rawValue.utf8)
        message.append(0)
        message.append(contentsOf: value.utf8)
        return BlobDigest.hex(HMAC<SHA256>.authenticationCode(for: message, using: lookupKey))
    }

    static func header(kid: String) -> Data {
        let bytes = Array(kid.utf8)
        precondition(!bytes.isEmpty && bytes.count < 256, "a kid is 1 to 255 bytes")
        return Data([marker, version, UInt8(bytes.count)] + bytes)
    }

    static func parseHeader(_ bytes: Data) -> (kid: String, length: Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 3, bytes[start] == marker, bytes[start + 1] == version else { return nil }
        let length = 3 + Int(bytes[start + 2])
        guard length > 3, bytes.count >= length else { return nil }
        return (String(decoding: bytes[(start + 3)..<(start + length)], as: UTF8.self), length)
    }

    static func authenticated(_ header: Data, _ purpose: Purpose) -> Data { header + Data(purpose.rawValue.utf8) }
}
