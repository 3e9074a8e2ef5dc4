import GRDB

extension SQLiteSchema {
    /// Resumable uploads of claim documents (their bytes live in a blob store, not here).
    static func registerUploadMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-22-uploads") { db in
            try db.create(table: "upload") { t in
                t.primaryKey("id", .text)
                t.column("owner", .text).notNull()
                t.column("length", .integer).notNull()
                t.column("received", .integer).notNull()
                t.column("metadata", .blob).notNull()
                t.column("format", .text)
                t.column("sha256", .text)
                t.column("verified", .boolean).notNull()
                t.column("createdAt", .double).notNull()
                t.column("expiresAt", .double).notNull()
                t.column("completedAt", .double)
                t.column("retained", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "upload_owner", on: "upload", columns: ["owner", "createdAt"])
            try db.create(index: "upload_expiry", on: "upload", columns: ["completedAt", "expiresAt"])
            try db.create(index: "upload_sha256", on: "upload", columns: ["sha256"])
        }
    }
}
