import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The key file: the ``SigningKeyRing`` as JSON, readable by its owner only (mode 0600). It is
/// written whole to a temporary file and renamed over the old one, so a reader never sees half
/// a ring; a file that others may read is refused, since anyone who reads it can sign tokens.
public struct SigningKeyFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The key file the server uses by default for a database: beside a SQLite file, with its
    /// name and the extension `keys` (`data/jht-sync.sqlite` → `data/jht-sync.keys`); for
    /// PostgreSQL `data/jht-sync.keys` in the working folder (give every process the same keys).
    public static func defaultPath(for database: DatabaseLocation) -> String {
        switch database {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            return url.deletingPathExtension().appendingPathExtension("keys").path
        case .postgres:
            return "data/jht-sync.keys"
        }
    }

    /// Reads the ring; creates the file with one new key when there is none.
    public func readOrCreate(at now: Date) throws -> (ring: SigningKeyRing, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try read(), false) }
        let ring = SigningKeyRing.new(at: now)
        try write(ring)
        return (ring, true)
    }

    public func read() throws -> SigningKeyRing {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw ConfigurationError(
                message: "the signing key file \(path) may be read by others (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)', "
                    + "and rotate its keys if anyone else could have read it"
            )
        }
        return try Self.decode(Data(contentsOf: URL(fileURLWithPath: path)), from: path)
    }

    /// Replaces the file with `ring`, atomically, mode 0600.
    public func write(_ ring: SigningKeyRing) throws {
        let url = URL(fileURLWithPath: path)
        try PrivateFiles.folder(url.deletingLastPathComponent())
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8))")
        try PrivateFiles.create(temporary, contents: try Self.encoder.encode(ring))
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ConfigurationError(message: "cannot replace \(path): \(reason)")
        }
    }

    /// When the file last changed, to notice a rotation.
    func modificationDate() -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    static func decode(_ data: Data, from source: String) throws -> SigningKeyRing {
        let ring: SigningKeyRing
        do {
            ring = try StoredJSON.decoder.decode(SigningKeyRing.self, from: data)
        } catch {
            throw ConfigurationError(message: "\(source) is not a signing key ring: \(error)")
        }
        guard !ring.keys.isEmpty, ring.keys.allSatisfy({ SigningKeys.symmetricKey($0) != nil }) else {
            throw ConfigurationError(message: "\(source) has no keys, or a key whose secret is not 32 bytes of Base64url")
        }
        return ring
    }

    /// ISO 8601 dates as ``StoredJSON``, laid out for a person reading the file.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
