import Crypto
import Foundation
import Synchronization

/// A ``BlobStore`` in memory, with the semantics of an object store (whole objects by key,
/// staged parts by upload): the in-process stand-in for tests and the simulator, and the
/// proof that the service does not depend on a file system.
public final class InMemoryBlobStore: BlobStore {
    struct Contents {
        var staged: [UUID: [UInt8]] = [:]
        var blobs: [String: [UInt8]] = [:]
    }

    private let contents = Mutex(Contents())

    public init() {}

    public func stage(_ bytes: [UInt8], upload: UUID, at offset: Int64) async throws {
        try contents.withLock { contents in
            var staged = contents.staged[upload] ?? []
            guard staged.count >= offset else { throw BlobStoreError.stagedTooShort(staged: Int64(staged.count), offset: offset) }
            staged.removeSubrange(Int(offset)...)
            staged.append(contentsOf: bytes)
            contents.staged[upload] = staged
        }
    }

    public func stagedLength(upload: UUID) async throws -> Int64? {
        contents.withLock { $0.staged[upload].map { Int64($0.count) } }
    }

    public func truncateStaged(upload: UUID, to length: Int64) async throws {
        try contents.withLock { contents in
            guard var staged = contents.staged[upload] else {
                if length == 0 { return }
                throw BlobStoreError.nothingStaged
            }
            if staged.count > length { staged.removeSubrange(Int(length)...) }
            contents.staged[upload] = staged
        }
    }

    public func stagedSHA256(upload: UUID) async throws -> String {
        let staged = try contents.withLock { contents in
            guard let staged = contents.staged[upload] else { throw BlobStoreError.nothingStaged }
            return staged
        }
        return BlobDigest.hex(SHA256.hash(data: staged))
    }

    public func promote(upload: UUID, sha256: String) async throws {
        guard BlobDigest.isValid(sha256) else { throw BlobStoreError.invalidDigest }
        try contents.withLock { contents in
            guard let staged = contents.staged.removeValue(forKey: upload) else { throw BlobStoreError.nothingStaged }
            if contents.blobs[sha256] == nil { contents.blobs[sha256] = staged }
        }
    }

    public func discardStaged(upload: UUID) async throws {
        _ = contents.withLock { $0.staged.removeValue(forKey: upload) }
    }

    @discardableResult
    public func put(_ bytes: [UInt8]) async throws -> String {
        let sha256 = BlobDigest.hex(SHA256.hash(data: bytes))
        contents.withLock { contents in
            if contents.blobs[sha256] == nil { contents.blobs[sha256] = bytes }
        }
        return sha256
    }

    public func get(sha256: String) async throws -> Data? {
        guard BlobDigest.isValid(sha256) else { throw BlobStoreError.invalidDigest }
        return contents.withLock { $0.blobs[sha256].map { Data($0) } }
    }

    public func exists(sha256: String) async throws -> Bool {
        guard BlobDigest.isValid(sha256) else { throw BlobStoreError.invalidDigest }
        return contents.withLock { $0.blobs[sha256] != nil }
    }

    public func remove(sha256: String) async throws {
        guard BlobDigest.isValid(sha256) else { throw BlobStoreError.invalidDigest }
        _ = contents.withLock { $0.blobs.removeValue(forKey: sha256) }
    }
}
