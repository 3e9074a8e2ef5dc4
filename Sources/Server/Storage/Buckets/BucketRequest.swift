import Foundation
import Models
import Sync

/// What a bucket transaction loads, under the bucket's lock, before its decision runs.
///
/// The bucket's version is always loaded, and its records (all, or those ``keys`` names with
/// ``RecordScope/keys``); the rest only when named, so a step pays for what it reads.
public struct BucketRequest: Sendable {
    /// The bucket to write.
    public var bucket: BucketID
    /// The device whose counter (and stored results) the decision needs: a phone's push.
    public var deviceID: String?
    /// Counters of ``deviceID`` whose stored results the decision needs (replayed mutations).
    public var storedResults: ClosedRange<Int64>?
    /// Record keys the decision may create: those already owned by another bucket are reported
    /// in ``BucketState/foreignKeys`` (record ids are global).
    public var keys: [RecordKey]
    /// Appointments to load by id.
    public var appointments: [Appointment.ID]
    /// Places whose bookings and next queue number the decision needs (a booking).
    public var places: [AppointmentPlace]
    /// Which of the bucket's records the decision reads.
    public var scope: RecordScope = .bucket
    /// Whether the decision reads the participant's account and ledger (for a participant's
    /// bucket): each is unsealed, the ledger entry by entry, so a decision that reads neither
    /// (a batch of field edits) leaves them.
    public var readsAccount = true

    /// Which of the bucket's records a decision reads, and so which are loaded and unsealed.
    public enum RecordScope: Sendable {
        /// Every record of the bucket: a decision that may read any (an intent, an office step).
        case bucket
        /// Only those ``BucketRequest/keys`` names: a decision that merges each record alone
        /// (a batch of field edits, what a phone sends most).
        case keys
    }

    public init(
        bucket: BucketID,
        deviceID: String? = nil,
        storedResults: ClosedRange<Int64>? = nil,
        keys: [RecordKey] = [],
        appointments: [Appointment.ID] = [],
        places: [AppointmentPlace] = []
    ) {
        self.bucket = bucket
        self.deviceID = deviceID
        self.storedResults = storedResults
        self.keys = keys
        self.appointments = appointments
        self.places = places
    }
}
