import Crypto
import Foundation
import Synchronization

/// The signing keys a running server uses, from the key file, the environment
/// (`JHT_SIGNING_KEYS`: the key file's JSON) or, in tests, made up in memory. Never from the
/// database: whoever reads the database must not be able to sign tokens.
///
/// Reads take a lock for a dictionary lookup; a key file that changes (a rotation) is read
/// again by ``SigningKeyReloader``.
public final class SigningKeys: Sendable {
    /// Where the keys come from.
    public enum Source: Hashable, Sendable {
        case file(path: String)
        case environment
        case memory
    }

    struct Loaded: Sendable {
        var ring: SigningKeyRing
        var symmetric: [String: SymmetricKey]
        var fileDate: Date?
    }

    public let source: Source
    private let loaded: Mutex<Loaded>

    init(ring: SigningKeyRing, source: Source, fileDate: Date? = nil) {
        self.source = source
        self.loaded = Mutex(Self.load(ring, fileDate: fileDate))
    }

    /// Keys made up in memory for one process (tests, the simulator's in-process server).
    public static func inMemory(at now: Date = Date()) -> SigningKeys { SigningKeys(ring: .new(at: now), source: .memory) }

    /// Keys from `JHT_SIGNING_KEYS` when set, else from the key file at `path` (created with one
    /// new key, mode 0600, when missing).
    public static func open(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        at now: Date = Date()
    )
        throws -> (keys: SigningKeys, created: Bool)
    {
        if let json = environment["JHT_SIGNING_KEYS"], !json.isEmpty {
            return (SigningKeys(ring: try SigningKeyFile.decode(Data(json.utf8), from: "JHT_SIGNING_KEYS"), source: .environment), false)
        }
        let file = SigningKeyFile(path: path)
        let (ring, created) = try file.readOrCreate(at: now)
        return (SigningKeys(ring: ring, source: .file(path: path), fileDate: file.modificationDate()), created)
    }

    /// The ring in force.
    public var ring: SigningKeyRing { loaded.withLock { $0.ring } }

    /// The key that signs at `now`, with its id.
    func signing(at now: Date) -> (kid: String, key: SymmetricKey)? {
        loaded.withLock { loaded in
            guard let key = loaded.ring.signing(at: now), let symmetric = loaded.symmetric[key.kid] else { return nil }
            return (key.kid, symmetric)
        }
    }

    /// The key named `kid`, if it verifies at `now`.
    func verifying(kid: Substring, at now: Date) -> SymmetricKey? {
        loaded.withLock { loaded in
            guard let key = loaded.ring.verifying(kid: kid, at: now) else { return nil }
            return loaded.symmetric[key.kid]
        }
    }

    /// Reads the key file again when it changed since it was last read.
    /// - Returns: the new ring, or `nil` when nothing changed.
    func reloadIfChanged() throws -> SigningKeyRing? {
        guard case .file(let path) = source else { return nil }
        let file = SigningKeyFile(path: path)
        let date = file.modificationDate()
        guard date != loaded.withLock({ $0.fileDate }) else { return nil }
        let ring = try file.read()
        loaded.withLock { $0 = Self.load(ring, fileDate: date) }
        return ring
    }

    private static func load(_ ring: SigningKeyRing, fileDate: Date?) -> Loaded {
        var symmetric: [String: SymmetricKey] = [:]
        for key in ring.keys { symmetric[key.kid] = symmetricKey(key) }
        return Loaded(ring: ring, symmetric: symmetric, fileDate: fileDate)
    }

    /// The HMAC key of a signing key: its 32 secret bytes.
    static func symmetricKey(_ key: SigningKey) -> SymmetricKey? {
        guard let bytes = Base64URL.decode(key.secret[...]), bytes.count == 32 else { return nil }
        return SymmetricKey(data: bytes)
    }
}
