import Foundation
import Models
import Sync

/// A bucket's records as of one version.
public struct BucketSnapshot: Sendable {
    public var bucket: BucketID
    /// The change-log position of the bucket's latest change; 0 for an empty bucket.
    public var version: Int64
    public var records: [RecordKey: SyncRecord]

    public init(bucket: BucketID, version: Int64, records: [RecordKey: SyncRecord]) {
        self.bucket = bucket
        self.version = version
        self.records = records
    }
}

/// What a device has pushed so far.
public struct DeviceState: Hashable, Sendable {
    public var deviceID: String
    /// The bucket the device syncs; a device serves one participant.
    public var bucket: BucketID
    public var lastCounter: Int64

    public init(deviceID: String, bucket: BucketID, lastCounter: Int64) {
        self.deviceID = deviceID
        self.bucket = bucket
        self.lastCounter = lastCounter
    }
}

/// A bucket's ends of the change log.
public struct BucketHead: Hashable, Sendable {
    /// The position of the bucket's newest change; 0 for a bucket never written.
    public var version: Int64
    /// The oldest position a pull may continue from: tombstones before it are gone.
    public var horizon: Int64

    public init(version: Int64, horizon: Int64) {
        self.version = version
        self.horizon = horizon
    }
}

/// A page of the change log of several buckets.
public struct ChangePage: Sendable {
    /// A change with the bucket whose log it is in.
    public struct Entry: Sendable {
        public var bucket: BucketID
        public var change: Change

        public init(bucket: BucketID, change: Change) {
            self.bucket = bucket
            self.change = change
        }
    }

    /// Each bucket's changes in position order, the buckets in the order asked.
    public var entries: [Entry]
    /// The buckets whose every change after the asked position is in ``entries``.
    public var complete: Set<BucketID>
    /// Some bucket has changes after the page.
    public var hasMore: Bool

    public init(entries: [Entry], complete: Set<BucketID>, hasMore: Bool) {
        self.entries = entries
        self.complete = complete
        self.hasMore = hasMore
    }

    /// An empty page that fills bucket by bucket, up to `limit` changes in all. Every store
    /// pages the same way: for each bucket it fetches ``room`` + 1 changes after the bucket's
    /// position and hands them to ``add(_:of:)``, which keeps what fits and notes whether the
    /// bucket had more.
    init(limit: Int) {
        self.init(entries: [], complete: [], hasMore: false)
        self.limit = limit
    }

    private var limit = 0

    /// How many more changes fit (a store fetches one more, to know whether a bucket has more).
    var room: Int { limit - entries.count }

    /// Adds `changes` (up to ``room`` + 1 of `bucket`'s, in position order) to the page.
    mutating func add(_ changes: [Change], of bucket: BucketID) {
        let room = room
        if changes.count > room { hasMore = true } else { complete.insert(bucket) }
        entries += changes.prefix(room).map { Entry(bucket: bucket, change: $0) }
    }
}

/// The sync half of the store: records by bucket, each bucket's change log, device counters.
///
/// Every bucket numbers its own changes (1, 2, 3, ... in commit order; a commit of one bucket
/// waits only for that bucket's earlier commits), so a pull that has seen position N of a
/// bucket never misses a change of that bucket that commits later. The change log is compacted
/// per record: a record appears once, at the position of its latest change; deleted records
/// stay as tombstones until the bucket's horizon passes them.
public protocol SyncStore: Sendable {
    func snapshot(of bucket: BucketID) async throws -> BucketSnapshot
    func deviceState(_ deviceID: String) async throws -> DeviceState?
    /// The bucket a record belongs to, if it exists.
    func bucket(of key: RecordKey) async throws -> BucketID?
    /// At most `limit` changes after each bucket's position, bucket by bucket in the order given.
    func changes(after positions: [(bucket: BucketID, position: Int64)], limit: Int) async throws -> ChangePage
    /// The heads of `buckets`; a bucket never written has version and horizon 0.
    func heads(of buckets: [BucketID]) async throws -> [BucketID: BucketHead]
    /// Drops the bucket's tombstones before `position` and moves its horizon there (never back);
    /// returns how many went.
    func purgeTombstones(in bucket: BucketID, before position: Int64) async throws -> Int
}
