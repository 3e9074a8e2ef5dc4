import Foundation
import GRDB
import Models

/// The embedded store: one SQLite file in WAL mode (a `DatabasePool`), or an in-memory
/// database for tests (a `DatabaseQueue`). Zero set-up.
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter

    public var kind: String { "sqlite" }

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    ///
    /// Only the server's user may open the files: missing folders are created 0700, the database
    /// file 0600 (SQLite gives its WAL and shared-memory files the database file's mode), and
    /// files of an older deployment that others could read are restricted to 0600.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let file = URL(fileURLWithPath: path)
        try PrivateFiles.folder(file.deletingLastPathComponent())
        if !FileManager.default.fileExists(atPath: file.path) { try PrivateFiles.create(file) }
        for companion in ["", "-wal", "-shm"] { try PrivateFiles.restrict(file.path + companion) }
        try self.init(writer: DatabasePool(path: path, configuration: configuration))
    }

    /// An in-memory database, for tests.
    public static func inMemory() throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue())
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try SQLiteSchema.migrator.migrate(writer)
    }

    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
