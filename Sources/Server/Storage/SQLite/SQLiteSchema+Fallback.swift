import GRDB

extension SQLiteSchema {
    /// Fallback appointments of every participant: where branch quotas and video-slot
    /// capacities are counted. Times are whole seconds since 1970 (UTC); `date` is the local
    /// date (`YYYY-MM-DD`) of the branch, or WIB for video calls.
    static func registerFallbackMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("2026-11-21-fallback-appointments") { db in
            try db.create(table: "fallbackAppointment") { t in
                t.primaryKey("id", .text)
                t.column("ticketID", .text).notNull()
                t.column("participantID", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("branchID", .text).notNull()
                t.column("date", .text).notNull()
                t.column("startsAt", .integer).notNull()
                t.column("endsAt", .integer).notNull()
                t.column("queueNumber", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("bookedAt", .double).notNull()
            }
            // Queue numbers are given once per kind, branch and day: two bookings never share one.
            try db.create(
                index: "fallbackAppointment_queue",
                on: "fallbackAppointment",
                columns: ["kind", "branchID", "date", "queueNumber"],
                options: .unique
            )
            try db.create(index: "fallbackAppointment_slot", on: "fallbackAppointment", columns: ["kind", "branchID", "startsAt"])
            try db.create(index: "fallbackAppointment_due", on: "fallbackAppointment", columns: ["status", "endsAt"])
            // A ticket holds at most one active appointment.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX fallbackAppointment_activeTicket ON fallbackAppointment(ticketID)
                    WHERE status IN ('booked', 'checkedIn')
                    """
            )
        }
    }
}
