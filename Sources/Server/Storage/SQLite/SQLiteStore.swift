import Foundation
import GRDB
import Models

/// The embedded store: one SQLite file in WAL mode (a `DatabasePool`), or an in-memory
/// database for tests (a `DatabaseQueue`). Zero set-up.
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter

    public var kind: String { "sqlite" }

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
