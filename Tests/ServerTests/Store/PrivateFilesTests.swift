import Foundation
import Testing

@testable import Server

/// Files only the server's user may open: databases, their WAL, blobs and the key file are 0600,
/// the folders the server creates 0700.
@Suite("Private files")
struct PrivateFilesTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-private-\(UUID().uuidString.prefix(8))")

    func mode(_ url: URL) -> String? { PrivateFiles.mode(url.path).map { String($0, radix: 8) } }

    @Test func theDatabaseItsWALAndItsFoldersAreTheServersOwn() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("data/more/jht.sqlite")
        let store = try SQLiteStore(path: database.path)
        try await store.save(branch: DemoData.bandung)
        #expect(mode(folder) == "700")
        #expect(mode(folder.appendingPathComponent("data")) == "700")
        #expect(mode(folder.appendingPathComponent("data/more")) == "700")
        #expect(mode(database) == "600")
        #expect(mode(URL(fileURLWithPath: database.path + "-wal")) == "600")
        #expect(mode(URL(fileURLWithPath: database.path + "-shm")) == "600")
    }

    @Test func anOlderDeploymentsReadableDatabaseIsRestrictedWhenOpened() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("jht.sqlite")
        _ = try SQLiteStore(path: database.path)
        for file in [database.path, database.path + "-wal", database.path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        _ = try SQLiteStore(path: database.path)
        #expect(mode(database) == "600")
    }

    @Test func blobsAndTheirFoldersAreTheServersOwn() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("blobs")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let blobs = try FileBlobStore(path: root.path)
        #expect(mode(root) == "700", "an existing blob folder is restricted")
        let stored = try await blobs.put(Array("a KTP scan".utf8))
        let upload = UUID()
        try await blobs.stage(Array("a bank book".utf8), upload: upload, at: 0)
        #expect(mode(blobs.stagedURL(upload)) == "600")
        let staged = try await blobs.stagedSHA256(upload: upload)
        try await blobs.promote(upload: upload, sha256: staged)
        for sha256 in [stored, staged] {
            let blob = try blobs.blobURL(sha256)
            #expect(mode(blob) == "600")
            #expect(mode(blob.deletingLastPathComponent()) == "700")
            #expect(mode(blob.deletingLastPathComponent().deletingLastPathComponent()) == "700")
        }
    }
}
