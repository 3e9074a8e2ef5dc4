import Crypto
import Foundation
import NIOPosix

/// The default ``BlobStore``: a folder on disk. Blobs are files named by their SHA-256 in
/// two levels of sub-folders (`ab/cd/abcd…`); partial uploads are staged in `staging/<id>`
/// on the same file system, so a finished upload becomes a blob by an atomic rename.
///
/// File work runs on NIO's blocking-I/O thread pool, never on the request's executor.
public struct FileBlobStore: BlobStore {
    /// The folder.
    public let root: URL
    let threadPool: NIOThreadPool

    /// A store in `path`, created if missing. Only the server's user may open it: the folder
    /// and its sub-folders are 0700 (an older deployment's folder is restricted), files 0600.
    public init(path: String, threadPool: NIOThreadPool = .singleton) throws {
        self.root = URL(fileURLWithPath: path, isDirectory: true)
        self.threadPool = threadPool
        try PrivateFiles.folder(root, restrict: true)
        try PrivateFiles.folder(stagingFolder, restrict: true)
    }

    var stagingFolder: URL { root.appendingPathComponent("staging", isDirectory: true) }

    func stagedURL(_ upload: UUID) -> URL { stagingFolder.appendingPathComponent(upload.uuidString.lowercased()) }

    func blobURL(_ sha256: String) throws -> URL {
        guard BlobDigest.isValid(sha256) else { throw BlobStoreError.invalidDigest }
        let characters = Array(sha256)
        return
            root
            .appendingPathComponent(String(characters[0..<2]), isDirectory: true)
            .appendingPathComponent(String(characters[2..<4]), isDirectory: true)
            .appendingPathComponent(sha256)
    }

    func onPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(work)
    }

    public func stage(_ bytes: [UInt8], upload: UUID, at offset: Int64) async throws {
        let url = stagedURL(upload)
        try await onPool {
            let manager = FileManager.default
            if !manager.fileExists(atPath: url.path) {
                guard offset == 0 else { throw BlobStoreError.stagedTooShort(staged: 0, offset: offset) }
                try PrivateFiles.create(url)
            }
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            let staged = Int64(try handle.seekToEnd())
            guard staged >= offset else { throw BlobStoreError.stagedTooShort(staged: staged, offset: offset) }
            if staged > offset { try handle.truncate(atOffset: UInt64(offset)) }
            try handle.seek(toOffset: UInt64(offset))
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        }
    }

    public func stagedLength(upload: UUID) async throws -> Int64? {
        let url = stagedURL(upload)
        return try await onPool {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
            return (attributes[.size] as? NSNumber)?.int64Value
        }
    }

    public func truncateStaged(upload: UUID, to length: Int64) async throws {
        let url = stagedURL(upload)
        try await onPool {
            guard FileManager.default.fileExists(atPath: url.path) else {
                if length == 0 { return }
                throw BlobStoreError.nothingStaged
            }
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            if Int64(try handle.seekToEnd()) > length {
                try handle.truncate(atOffset: UInt64(length))
                try handle.synchronize()
            }
        }
    }

    public func stagedSHA256(upload: UUID) async throws -> String {
        let url = stagedURL(upload)
        return try await onPool {
            guard let handle = try? FileHandle(forReadingFrom: url) else { throw BlobStoreError.nothingStaged }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
            return BlobDigest.hex(hasher.finalize())
        }
    }

    public func promote(upload: UUID, sha256: String) async throws {
        let source = stagedURL(upload)
        let target = try blobURL(sha256)
        try await onPool {
            let manager = FileManager.default
            guard manager.fileExists(atPath: source.path) else { throw BlobStoreError.nothingStaged }
            if manager.fileExists(atPath: target.path) {
                try manager.removeItem(at: source)
                return
            }
            try PrivateFiles.folder(target.deletingLastPathComponent())
            try manager.moveItem(at: source, to: target)
        }
    }

    public func discardStaged(upload: UUID) async throws {
        let url = stagedURL(upload)
        try await onPool {
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
    }

    @discardableResult
    public func put(_ bytes: [UInt8]) async throws -> String {
        let sha256 = BlobDigest.hex(SHA256.hash(data: bytes))
        let target = try blobURL(sha256)
        let temporary = stagingFolder.appendingPathComponent("put-" + UUID().uuidString.lowercased())
        try await onPool {
            let manager = FileManager.default
            if manager.fileExists(atPath: target.path) { return }
            try PrivateFiles.create(temporary, contents: Data(bytes))
            try PrivateFiles.folder(target.deletingLastPathComponent())
            do {
                try manager.moveItem(at: temporary, to: target)
            } catch  where manager.fileExists(atPath: target.path) {
                try? manager.removeItem(at: temporary)  // Another writer stored the same content.
            }
        }
        return sha256
    }

    public func get(sha256: String) async throws -> Data? {
        let url = try blobURL(sha256)
        return try await onPool { FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil }
    }

    public func exists(sha256: String) async throws -> Bool {
        let url = try blobURL(sha256)
        return try await onPool { FileManager.default.fileExists(atPath: url.path) }
    }

    public func remove(sha256: String) async throws {
        let url = try blobURL(sha256)
        try await onPool {
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
    }
}
