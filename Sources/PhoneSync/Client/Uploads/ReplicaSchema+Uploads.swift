import GRDB
import Sync

extension ReplicaSchema {
    /// The upload queue, next to the outbox: each queued document with its bytes and
    /// progress; an outbox entry `heldFor` an upload is not pushed until the upload completes.
    static func registerUploadMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: upload") { db in
            try db.create(table: "upload") { t in
                t.primaryKey("id", .text)
                t.column("claimType", .text).notNull()
                t.column("claimID", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("byteCount", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("filename", .text)
                // The file, until the server has it whole.
                t.column("bytes", .blob)
                t.column("location", .text)
                t.column("confirmedOffset", .integer).notNull().defaults(to: 0)
                t.column("state", .text).notNull().check(sql: "state IN ('waiting', 'complete', 'failed')")
                t.column("uploadID", .text)
                t.column("failure", .text)
                t.column("queuedAtMillis", .integer).notNull()
            }
            try db.alter(table: "outbox") { t in t.add(column: "heldFor", .text) }
        }
    }
}
