extension PostgresSchema {
    /// Fallback appointments of every participant: where branch quotas and video-slot
    /// capacities are counted. `startsAt` and `endsAt` are whole seconds since 1970 (UTC);
    /// `date` is the local date (`YYYY-MM-DD`) of the branch, or WIB for video calls.
    static let fallback = Migration(
        name: "2026-11-21-fallback-appointments",
        statements: [
            """
            CREATE TABLE fallbackAppointment (id text PRIMARY KEY, ticketID text NOT NULL, participantID text NOT NULL,
              kind text NOT NULL, branchID text NOT NULL, date text NOT NULL, startsAt bigint NOT NULL, endsAt bigint NOT NULL,
              queueNumber bigint NOT NULL, status text NOT NULL, bookedAt double precision NOT NULL)
            """,
            // Queue numbers are given once per kind, branch and day: two bookings never share one.
            "CREATE UNIQUE INDEX fallbackAppointment_queue ON fallbackAppointment (kind, branchID, date, queueNumber)",
            "CREATE INDEX fallbackAppointment_slot ON fallbackAppointment (kind, branchID, startsAt)",
            "CREATE INDEX fallbackAppointment_due ON fallbackAppointment (status, endsAt)",
            // A ticket holds at most one active appointment.
            """
            CREATE UNIQUE INDEX fallbackAppointment_activeTicket ON fallbackAppointment (ticketID)
            WHERE status IN ('booked', 'checkedIn')
            """,
        ]
    )
}
