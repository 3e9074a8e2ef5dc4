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
}
