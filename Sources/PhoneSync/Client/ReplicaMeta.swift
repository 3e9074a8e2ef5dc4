import GRDB
import Sync

/// The replica's single `meta` row.
struct ReplicaMeta: Hashable, Sendable {
    var deviceID: String
    var nextCounter: Int64
    var cursor: SyncCursor
    /// The last timestamp the device's hybrid logical clock issued or received.
    var clock: HLCTimestamp
    var lastSyncedAtMillis: Int64?

    static func fetch(_ db: Database) throws -> ReplicaMeta? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meta WHERE id = 1") else { return nil }
        let deviceID: String = row["deviceID"]
        return ReplicaMeta(
            deviceID: deviceID,
            nextCounter: row["nextCounter"],
            cursor: SyncCursor(row["cursorToken"] ?? ""),
            clock: HLCTimestamp(millis: row["clockMillis"], counter: UInt32(row["clockCounter"] as Int64), node: deviceID),
            lastSyncedAtMillis: row["lastSyncedAtMillis"]
        )
    }

    static func require(_ db: Database) throws -> ReplicaMeta {
        guard let meta = try fetch(db) else { throw DatabaseError(message: "the replica has no meta row") }
        return meta
    }

    func save(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO meta (id, deviceID, nextCounter, cursor, cursorToken, clockMillis, clockCounter, lastSyncedAtMillis)
                VALUES (1, ?, ?, 0, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET deviceID = excluded.deviceID, nextCounter = excluded.nextCounter,
                    cursorToken = excluded.cursorToken, clockMillis = excluded.clockMillis, clockCounter = excluded.clockCounter,
                    lastSyncedAtMillis = excluded.lastSyncedAtMillis
                """,
            arguments: [deviceID, nextCounter, cursor.token, clock.millis, Int64(clock.counter), lastSyncedAtMillis]
        )
    }

    /// The device's clock, restored so that its next timestamp is greater than ``clock``.
    var hybridLogicalClock: HybridLogicalClock {
        var restored = HybridLogicalClock(node: deviceID)
        if clock.millis > 0 || clock.counter > 0 {
            _ = try? restored.receive(clock, physicalMillis: clock.millis)
        }
        return restored
    }
}
