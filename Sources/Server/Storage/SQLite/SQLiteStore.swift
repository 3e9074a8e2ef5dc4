import Foundation
import GRDB
import Models

/// The embedded store: one SQLite file in WAL mode (a `DatabasePool`), or an in-memory
/// database for tests (a `DatabaseQueue`). Zero set-up.
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter
    /// The cipher personal data is sealed with (its keys wrapped in the database by
    /// `keyEncryption`'s keys, which stay outside it).
    public let atRestKeys: AtRestKeys

    public var kind: String { "sqlite" }

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it;
    /// `keyEncryption` unwraps its data keys (and wraps them when it has none yet).
    ///
    /// Only the server's user may open the files: missing folders are created 0700, the database
    /// file 0600 (SQLite gives its WAL and shared-memory files the database file's mode), and
    /// files of an older deployment that others could read are restricted to 0600.
    public init(path: String, keyEncryption: KeyEncryptionKeyRing) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let file = URL(fileURLWithPath: path)
        try PrivateFiles.folder(file.deletingLastPathComponent())
        if !FileManager.default.fileExists(atPath: file.path) { try PrivateFiles.create(file) }
        for companion in ["", "-wal", "-shm"] { try PrivateFiles.restrict(file.path + companion) }
        try self.init(writer: DatabasePool(path: path, configuration: configuration), keyEncryption: keyEncryption)
    }

    /// An in-memory database, for tests.
    public static func inMemory(keyEncryption: KeyEncryptionKeyRing = .new()) throws -> SQLiteStore {
        try SQLiteStore(writer: DatabaseQueue(), keyEncryption: keyEncryption)
    }

    /// Migrates the database (sealing what an older version wrote in plain text, then
    /// rebuilding the file so no page keeps it) and unwraps its data keys.
    init(writer: any DatabaseWriter, keyEncryption: KeyEncryptionKeyRing) throws {
        self.writer = writer
        let migrator = SQLiteSchema.migrator(keyEncryption: keyEncryption)
        let sealedBefore = try writer.read { db in try migrator.appliedIdentifiers(db).contains(SQLiteSchema.sealingMigration) }
        try migrator.migrate(writer)
        atRestKeys = AtRestKeys(try writer.write { db in try Self.loadOrCreateDataKeys(in: db, with: keyEncryption) })
        if !sealedBefore, writer is DatabasePool { try compactAfterSealing() }
    }

    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
