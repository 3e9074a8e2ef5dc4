import Foundation
import GRDB
import Sync

/// The participant's bucket on the phone: a local SQLite database (GRDB) holding the server's
/// records, the durable outbox of local writes, the server's rejections and the sync cursor.
///
/// Writes are local-first: ``mutate(record:operation:id:)`` stores a mutation in the outbox
/// and the local view shows it at once. The local view of a record is the server's record
/// with every outbox mutation re-applied on top (a rebase), so it stays right whatever the
/// server sends meanwhile.
///
/// Every operation is one transaction, through GRDB's synchronous API. The store is a value
/// that shares its database: copies see the same state.
public struct ReplicaStore: Sendable {
    /// This device's id: the node of its hybrid logical clock and the `deviceID` of its
    /// mutations. Chosen when the database is created and kept for its life.
    public let deviceID: String
    /// The schemas the local merge checks writes against.
    public let schemas: SchemaCatalog
    let writer: any DatabaseWriter
    let wallClock: @Sendable () -> Int64

    /// Opens a replica on a database, migrating it and creating its device id if new.
    ///
    /// Opening is the app's launch: mutations that were in flight when it was killed become
    /// pending again, to be resent (the server answers a replay with its stored result).
    ///
    /// - Parameters:
    ///   - writer: a `DatabaseQueue` on a file, or in memory for tests.
    ///   - newDeviceID: the device id to use if the database is new.
    ///   - schemas: the record schemas.
    ///   - wallClock: the wall clock in milliseconds since 1970 (inject one for a simulator).
    public init(
        writer: any DatabaseWriter,
        newDeviceID: String = UUID().uuidString,
        schemas: SchemaCatalog = .standard,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) throws {
        try ReplicaSchema.migrator.migrate(writer)
        self.deviceID = try writer.write { db in
            if let meta = try ReplicaMeta.fetch(db) {
                try db.execute(sql: "UPDATE outbox SET state = 'pending' WHERE state = 'inFlight'")
                return meta.deviceID
            }
            let meta = ReplicaMeta(
                deviceID: newDeviceID,
                nextCounter: 1,
                cursor: .start,
                clock: HLCTimestamp(millis: 0, counter: 0, node: newDeviceID),
                lastSyncedAtMillis: nil
            )
            try meta.save(db)
            return newDeviceID
        }
        self.writer = writer
        self.schemas = schemas
        self.wallClock = wallClock
    }

    /// Opens (or creates) a replica in a database file.
    public static func file(
        at path: String,
        newDeviceID: String = UUID().uuidString,
        schemas: SchemaCatalog = .standard,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) throws -> ReplicaStore {
        try ReplicaStore(writer: DatabaseQueue(path: path), newDeviceID: newDeviceID, schemas: schemas, wallClock: wallClock)
    }

    /// Creates a replica in memory (tests, simulator).
    public static func inMemory(
        newDeviceID: String = UUID().uuidString,
        schemas: SchemaCatalog = .standard,
        wallClock: @escaping @Sendable () -> Int64 = ReplicaStore.systemMillis
    ) throws -> ReplicaStore {
        try ReplicaStore(writer: DatabaseQueue(), newDeviceID: newDeviceID, schemas: schemas, wallClock: wallClock)
    }

    /// The system wall clock in milliseconds since 1970.
    @Sendable public static func systemMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The change-log position the replica has pulled up to.
    public func cursor() throws -> SyncCursor { try writer.read { db in try ReplicaMeta.require(db).cursor } }

    /// The counter the next local mutation will carry.
    public func nextCounter() throws -> Int64 { try writer.read { db in try ReplicaMeta.require(db).nextCounter } }

    /// The last timestamp the device's hybrid logical clock issued or received.
    public func lastClock() throws -> HLCTimestamp { try writer.read { db in try ReplicaMeta.require(db).clock } }

    /// When a pull last brought the replica up to date with the server, if ever.
    public func lastSyncedAt() throws -> Date? {
        try writer.read { db in
            try ReplicaMeta.require(db).lastSyncedAtMillis.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        }
    }
}
