import Foundation
import Models
import Sync

/// Everything one action writes, committed in one transaction with the bucket's change log:
/// records, the pushing device's counter and stored results, audit entries, appointment
/// bookings and the account facts the action establishes.
public struct BucketChanges: Sendable {
    /// Records to write, each getting a new change-log position, in order.
    public var writes: [SyncRecord]
    /// The pushing device's new last counter (the device is bound to the bucket on first push).
    public var deviceCounter: (deviceID: String, lastCounter: Int64)?
    /// Results to keep so replays get the same answer.
    public var results: [MutationResult]
    public var audit: [AuditEntry]
    /// Appointments booked by this action, at their places.
    public var bookings: [(appointment: Appointment, place: AppointmentPlace)]
    /// New statuses of existing appointments (the decision checked their current status).
    public var appointmentStatuses: [Appointment.ID: Appointment.Status]
    /// Complete uploads a claim now references: they never expire.
    public var retainedUploads: [UUID]
    /// The participant completed the data update (pengkinian data) at this time.
    public var dataUpdateCompletedAt: Date?
    /// Entries appended to the participant's ledger (a claim paid, a contribution credited).
    public var ledger: [LedgerEntry]

    public init(
        writes: [SyncRecord] = [],
        deviceCounter: (deviceID: String, lastCounter: Int64)? = nil,
        results: [MutationResult] = [],
        audit: [AuditEntry] = [],
        bookings: [(appointment: Appointment, place: AppointmentPlace)] = [],
        appointmentStatuses: [Appointment.ID: Appointment.Status] = [:],
        retainedUploads: [UUID] = [],
        dataUpdateCompletedAt: Date? = nil,
        ledger: [LedgerEntry] = []
    ) {
        self.writes = writes
        self.deviceCounter = deviceCounter
        self.results = results
        self.audit = audit
        self.bookings = bookings
        self.appointmentStatuses = appointmentStatuses
        self.retainedUploads = retainedUploads
        self.dataUpdateCompletedAt = dataUpdateCompletedAt
        self.ledger = ledger
    }

    /// Nothing to write: the transaction ends without a commit of its own.
    public var isEmpty: Bool {
        writes.isEmpty && deviceCounter == nil && results.isEmpty && audit.isEmpty && bookings.isEmpty
            && appointmentStatuses.isEmpty && retainedUploads.isEmpty && dataUpdateCompletedAt == nil && ledger.isEmpty
    }
}

/// What a decision returns: the changes to write and a value for its caller.
public struct BucketDecision<Value: Sendable>: Sendable {
    public var changes: BucketChanges
    public var value: Value

    public init(_ changes: BucketChanges, _ value: Value) {
        self.changes = changes
        self.value = value
    }
}

/// What a bucket transaction did.
public struct BucketOutcome<Value: Sendable>: Sendable {
    public var value: Value
    /// The change-log position after the commit, when it wrote records; `nil` when it wrote none.
    public var cursor: Int64?

    public init(value: Value, cursor: Int64?) {
        self.value = value
        self.cursor = cursor
    }
}
