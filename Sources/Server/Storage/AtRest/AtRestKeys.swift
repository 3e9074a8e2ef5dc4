import Foundation
import Synchronization

/// The cipher a store seals and opens with, kept current: a rotation adds data keys to the
/// database, and a running store reads them again (``DataKeyStore/reloadDataKeys(with:)``)
/// when the key file changes. Reads take a lock for a copy of the cipher.
public final class AtRestKeys: Sendable {
    private let current: Mutex<AtRestCipher>

    /// Keys that seal and open with `cipher` until a rotation replaces it.
    public init(_ cipher: AtRestCipher) { current = Mutex(cipher) }

    /// The cipher in force.
    public var cipher: AtRestCipher { current.withLock { $0 } }

    /// Puts `cipher` in force.
    func replace(with cipher: AtRestCipher) { current.withLock { $0 = cipher } }
}

/// A store's data keys, wrapped by key-encryption keys kept outside it (``WrappedDataKey``).
/// A store creates its first keys when it is created; `jht-server keys rotate-encryption`
/// adds and rewraps them here.
public protocol DataKeyStore: Sendable {
    /// The cipher the store seals and opens with.
    var atRestKeys: AtRestKeys { get }
    /// Every data key the store holds.
    func dataKeys() async throws -> [WrappedDataKey]
    /// Adds `keys`, or replaces those of the same kid (rewrapped), in one transaction.
    func save(dataKeys keys: [WrappedDataKey]) async throws
    /// Seals again, under the key that seals now, every value sealed under another key (and any
    /// value still in plain text); returns how many values it sealed.
    func resealAll() async throws -> Int
}

extension DataKeyStore {
    /// Reads the data keys again and unwraps them with `ring` (after a rotation).
    public func reloadDataKeys(with ring: KeyEncryptionKeyRing) async throws {
        atRestKeys.replace(with: try AtRestCipher(unwrapping: try await dataKeys(), with: ring))
    }
}
