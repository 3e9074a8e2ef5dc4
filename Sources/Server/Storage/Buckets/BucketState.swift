import Foundation
import Models
import Sync

/// A bucket as a decision sees it: loaded inside the bucket's transaction, after every earlier
/// commit of the bucket and before any later one, so what the decision reads cannot change
/// before its changes are written.
public struct BucketState: Sendable {
    public var bucket: BucketID
    /// The change-log position of the bucket's latest change; 0 for an empty bucket.
    public var version: Int64
    public var records: [RecordKey: SyncRecord]
    /// The requested device, if it has pushed before (whichever bucket it syncs).
    public var device: DeviceState?
    /// Stored results of the requested device's replayed counters, by counter.
    public var results: [Int64: MutationResult]
    /// Those of the requested keys that belong to another bucket.
    public var foreignKeys: Set<RecordKey>
    /// The requested appointments that exist, by id.
    public var appointments: [Appointment.ID: Appointment]
    /// The requested places, in request order, with their bookings.
    public var places: [PlaceState]
    /// For a participant's bucket: the participant and membership, the balance from the ledger.
    public var account: ParticipantAccount?
    /// For a participant's bucket: the ledger, oldest entry first.
    public var ledger: Ledger

    public init(
        bucket: BucketID,
        version: Int64,
        records: [RecordKey: SyncRecord],
        device: DeviceState? = nil,
        results: [Int64: MutationResult] = [:],
        foreignKeys: Set<RecordKey> = [],
        appointments: [Appointment.ID: Appointment] = [:],
        places: [PlaceState] = [],
        account: ParticipantAccount? = nil,
        ledger: Ledger = Ledger(entries: [])
    ) {
        self.bucket = bucket
        self.version = version
        self.records = records
        self.device = device
        self.results = results
        self.foreignKeys = foreignKeys
        self.appointments = appointments
        self.places = places
        self.account = account
        self.ledger = ledger
    }

    /// A bookable place with what it holds now.
    public struct PlaceState: Hashable, Sendable {
        public var place: AppointmentPlace
        /// Active bookings (booked, checked in, completed).
        public var occupied: Int
        /// The queue number the next booking of the place's kind, branch and day gets.
        public var nextQueueNumber: Int

        public init(place: AppointmentPlace, occupied: Int, nextQueueNumber: Int) {
            self.place = place
            self.occupied = occupied
            self.nextQueueNumber = nextQueueNumber
        }

        public var hasRoom: Bool { occupied < place.capacity }
    }
}
