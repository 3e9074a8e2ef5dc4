import Foundation

/// Where document bytes live: outside the database, content-addressed by SHA-256, behind a
/// protocol so an object store can take the place of the default folder (``FileBlobStore``).
///
/// Two areas:
/// - **staging**: the bytes of a partial upload, under the upload's id, growing as chunks
///   arrive; a staged content can be cut back (a chunk refused) or dropped (expiry).
/// - **blobs**: whole contents, named by their SHA-256 (lower-case hex). The same content
///   uploaded twice is kept once.
public protocol BlobStore: Sendable {
    /// Makes the staged content of `upload` its first `offset` bytes followed by `bytes`
    /// (anything staged beyond `offset` is dropped first), durably. Staging starts at offset 0.
    /// - Throws: ``BlobStoreError/stagedTooShort`` when fewer than `offset` bytes are staged.
    func stage(_ bytes: [UInt8], upload: UUID, at offset: Int64) async throws
    /// How many bytes are staged for `upload`; `nil` if none were.
    func stagedLength(upload: UUID) async throws -> Int64?
    /// Drops staged bytes beyond `length` (a refused chunk).
    func truncateStaged(upload: UUID, to length: Int64) async throws
    /// The SHA-256 (lower-case hex) of the staged content, computed over every byte.
    func stagedSHA256(upload: UUID) async throws -> String
    /// Moves the staged content of `upload` into the blobs under `sha256` (kept once if the
    /// content is already there). The caller computed `sha256` with ``stagedSHA256(upload:)``.
    func promote(upload: UUID, sha256: String) async throws
    /// Drops whatever is staged for `upload`.
    func discardStaged(upload: UUID) async throws

    /// Stores a whole content and returns its SHA-256.
    @discardableResult
    func put(_ bytes: [UInt8]) async throws -> String
    /// A content by its SHA-256; `nil` if there is none.
    func get(sha256: String) async throws -> Data?
    func exists(sha256: String) async throws -> Bool
    /// Removes a content (when no upload refers to it any more).
    func remove(sha256: String) async throws
}

/// Misuse of a ``BlobStore``.
public enum BlobStoreError: Error, Hashable, Sendable {
    /// A write at an offset beyond the staged bytes.
    case stagedTooShort(staged: Int64, offset: Int64)
    /// Nothing is staged for the upload.
    case nothingStaged
    /// Not a SHA-256 in lower-case hex.
    case invalidDigest
}

extension BlobStoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .stagedTooShort(let staged, let offset): "a write at offset \(offset) but only \(staged) bytes are staged"
        case .nothingStaged: "nothing is staged for this upload"
        case .invalidDigest: "not a lower-case hex SHA-256"
        }
    }
}

/// SHA-256 digests as the blob stores name them.
enum BlobDigest {
    /// Whether `text` is 64 lower-case hex digits (so it is safe in a path or an object key).
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
