import GRDB

extension SQLiteSchema {
    /// The sync tables: records by bucket with their position in the bucket's change log,
    /// bucket versions and horizons, device counters and stored mutation results.
    static func registerSyncMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-21-sync") { db in
            try db.create(table: "syncRecord") { t in
                t.column("type", .text).notNull()
                t.column("id", .text).notNull()
                t.primaryKey(["type", "id"])
                t.column("bucket", .text).notNull()
                t.column("seq", .integer).notNull()
                t.column("deleted", .boolean).notNull()
                t.column("state", .blob).notNull()
            }
            try db.create(index: "syncRecord_bucket_seq", on: "syncRecord", columns: ["bucket", "seq"])
            try db.create(table: "syncBucket") { t in
                t.primaryKey("bucket", .text)
                t.column("version", .integer).notNull()
            }
            try db.create(table: "syncSequence") { t in
                t.primaryKey("id", .integer)
                t.column("value", .integer).notNull()
                t.column("horizon", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO syncSequence (id, value, horizon) VALUES (1, 0, 0)")
            try db.create(table: "syncDevice") { t in
                t.primaryKey("deviceID", .text)
                t.column("bucket", .text).notNull()
                t.column("lastCounter", .integer).notNull()
            }
            try db.create(table: "syncResult") { t in
                t.column("deviceID", .text).notNull()
                t.column("counter", .integer).notNull()
                t.primaryKey(["deviceID", "counter"])
                t.column("result", .blob).notNull()
            }
        }
    }
}

extension SQLiteSchema {
    /// Each bucket numbers its own changes: a commit waits only for its own bucket.
    static func registerBucketSequenceMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-12-03-bucket-sequences") { db in
            // Each bucket numbers its own changes: a commit waits only for its own bucket.
            // Positions already stored were global and so increase within every bucket: they
            // stay valid as the buckets' own, and each bucket continues from its version.
            try db.alter(table: "syncBucket") { t in t.add(column: "horizon", .integer).notNull().defaults(to: 0) }
            try db.execute(sql: "UPDATE syncBucket SET horizon = (SELECT horizon FROM syncSequence WHERE id = 1)")
            try db.drop(index: "syncRecord_bucket_seq")
            try db.create(index: "syncRecord_bucket_seq", on: "syncRecord", columns: ["bucket", "seq"], options: .unique)
            try db.drop(table: "syncSequence")
        }
    }
}
