import GRDB
import Sync

/// Owns the replica database's schema: named, append-only migrations.
///
/// - `meta`: one row with the device id, the next mutation counter, the pull cursor, the
///   hybrid logical clock's last timestamp and when the replica last synced.
/// - `serverRecord`: the last state received from the server, by record type and id, with
///   the change-log position it came from.
/// - `outbox`: the mutations not yet answered by the server, by counter.
/// - `rejection`: the mutations the server refused, with its record, until acknowledged.
/// - `upload`: documents queued for a resumable upload (see `ReplicaSchema+Uploads.swift`).
public enum ReplicaSchema {
    /// The migrations, in order. Never edit a registered migration; append a new one.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: meta") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("id", .integer).check(sql: "id = 1")
                t.column("deviceID", .text).notNull()
                t.column("nextCounter", .integer).notNull()
                t.column("cursor", .integer).notNull()
                t.column("clockMillis", .integer).notNull()
                t.column("clockCounter", .integer).notNull()
                t.column("lastSyncedAtMillis", .integer)
            }
        }
        migrator.registerMigration("v1: serverRecord") { db in
            try db.create(table: "serverRecord") { t in
                t.column("type", .text).notNull()
                t.column("id", .text).notNull()
                t.column("seq", .integer).notNull()
                t.column("record", .text).notNull()
                t.primaryKey(["type", "id"])
            }
        }
        migrator.registerMigration("v1: outbox") { db in
            try db.create(table: "outbox") { t in
                t.primaryKey("counter", .integer)
                t.column("mutationID", .text).notNull().unique()
                t.column("recordType", .text).notNull()
                t.column("recordID", .text).notNull()
                t.column("mutation", .text).notNull()
                t.column("state", .text).notNull().check(sql: "state IN ('pending', 'inFlight')")
            }
            try db.create(index: "outbox_on_record", on: "outbox", columns: ["recordType", "recordID"])
        }
        migrator.registerMigration("v1: rejection") { db in
            try db.create(table: "rejection") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recordType", .text).notNull()
                t.column("recordID", .text).notNull()
                t.column("mutation", .text).notNull()
                t.column("rejection", .text).notNull()
                t.column("serverRecord", .text)
                t.column("acknowledged", .boolean).notNull().defaults(to: false)
                t.column("receivedAtMillis", .integer).notNull()
            }
            try db.create(index: "rejection_on_record", on: "rejection", columns: ["recordType", "recordID"])
        }
        registerUploadMigrations(&migrator)
        migrator.registerMigration("v2: cursor token") { db in
            // The server's cursor became an opaque token (a position per bucket): an old
            // integer cursor means nothing now, so the next pull starts from the beginning.
            try db.alter(table: "meta") { t in t.add(column: "cursorToken", .text) }
        }
        return migrator
    }
}
