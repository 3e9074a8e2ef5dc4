import Crypto
import Foundation
import NIOPosix

/// The default ``BlobStore``: a folder on disk. Blobs are files named by their SHA-256 in
/// two levels of sub-folders (`ab/cd/abcd…`); partial uploads are staged in `staging/<id>`
/// on the same file system, so a finished upload becomes a blob by an atomic rename.
///
/// Every file is sealed (``SealedBlobFile``, with the cipher the database's store seals with):
/// a KTP scan or a selfie in the folder is no more readable than the database. Files written
/// before sealing are sealed in place when the store opens (``sealPlainFiles()``).
///
/// File work runs on NIO's blocking-I/O thread pool, never on the request's executor.
public struct FileBlobStore: BlobStore {
    /// The folder.
    public let root: URL
    let keys: AtRestKeys
    let threadPool: NIOThreadPool

    /// A store in `path`, created if missing, sealing with `keys`. Only the server's user may
    /// open it: the folder and its sub-folders are 0700 (an older deployment's folder is
    /// restricted), files 0600.
    public init(path: String, keys: AtRestKeys, threadPool: NIOThreadPool = .singleton) throws {
        self.root = URL(fileURLWithPath: path, isDirectory: true)
        self.keys = keys
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

    /// Runs `body` with the sealed file at `url` open for reading and writing.
    func withFile<T>(_ url: URL, _ body: (SealedBlobFile) throws -> T) throws -> T {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        return try body(SealedBlobFile(handle: handle, path: url.path, cipher: keys.cipher))
    }

    public func stage(_ bytes: [UInt8], upload: UUID, at offset: Int64) async throws {
        let url = stagedURL(upload)
        try await onPool {
            if !FileManager.default.fileExists(atPath: url.path) {
                guard offset == 0 else { throw BlobStoreError.stagedTooShort(staged: 0, offset: offset) }
                try SealedBlobFile.create(url)
            }
            try withFile(url) { file in
                let staged = try file.length()
                guard staged >= offset else { throw BlobStoreError.stagedTooShort(staged: staged, offset: offset) }
                try file.write(bytes, at: offset)
            }
        }
    }

    public func stagedLength(upload: UUID) async throws -> Int64? {
        let url = stagedURL(upload)
        return try await onPool {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return try withFile(url) { try $0.length() }
        }
    }

    public func truncateStaged(upload: UUID, to length: Int64) async throws {
        let url = stagedURL(upload)
        try await onPool {
            guard FileManager.default.fileExists(atPath: url.path) else {
                if length == 0 { return }
                throw BlobStoreError.nothingStaged
            }
            try withFile(url) { file in
                if try file.length() > length { try file.write([UInt8](), at: length) }
            }
        }
    }

    public func stagedSHA256(upload: UUID) async throws -> String {
        let url = stagedURL(upload)
        return try await onPool {
            guard FileManager.default.fileExists(atPath: url.path) else { throw BlobStoreError.nothingStaged }
            var hasher = SHA256()
            try withFile(url) { try $0.forEachChunk { hasher.update(data: $0) } }
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
            try SealedBlobFile.create(temporary)
            try withFile(temporary) { try $0.write(bytes, at: 0) }
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
        return try await onPool {
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            var bytes = Data()
            try withFile(url) { try $0.forEachChunk { bytes.append($0) } }
            return bytes
        }
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
