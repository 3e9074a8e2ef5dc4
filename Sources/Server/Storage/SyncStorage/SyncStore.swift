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

/// Everything one accepted push (or one office action) changes, committed in one transaction:
/// the records, their change-log entries, the device's counter and the stored results.
public struct BucketCommit: Sendable {
    public var bucket: BucketID
    /// The bucket version the changes were computed from; the commit fails with
    /// ``CommitOutcome/conflict`` if the bucket moved since (then the caller recomputes).
    public var expectedVersion: Int64
    /// The device whose counter advances, with the counter it had and the one it gets.
    public var device: (id: String, expectedLastCounter: Int64?, newLastCounter: Int64)?
    /// Records to write, each getting a new sequence number, in order.
    public var writes: [SyncRecord]
    /// Results to keep so replays get the same answer.
    public var results: [MutationResult]

    public init(
        bucket: BucketID,
        expectedVersion: Int64,
        device: (id: String, expectedLastCounter: Int64?, newLastCounter: Int64)?,
        writes: [SyncRecord],
        results: [MutationResult]
    ) {
        self.bucket = bucket
        self.expectedVersion = expectedVersion
        self.device = device
        self.writes = writes
        self.results = results
    }
}

public enum CommitOutcome: Hashable, Sendable {
    /// Committed; the change-log position after it.
    case committed(cursor: Int64)
    /// The bucket or the device counter moved; nothing was written.
    case conflict
}

/// A page of the change log for a set of buckets.
public struct ChangePage: Sendable {
    public var changes: [Change]
    public var hasMore: Bool

    public init(changes: [Change], hasMore: Bool) {
        self.changes = changes
        self.hasMore = hasMore
    }
}

/// The sync half of the store: records by bucket, the change log, device counters and stored
/// results. The change log is compacted per record: a record appears once, at the sequence
/// number of its latest change; deleted records stay as tombstones until the retention
/// horizon passes them.
public protocol SyncStore: Sendable {
    func snapshot(of bucket: BucketID) async throws -> BucketSnapshot
    func deviceState(_ deviceID: String) async throws -> DeviceState?
    /// Stored results of a device's mutations with counters in `range`, by counter.
    func results(deviceID: String, counters range: ClosedRange<Int64>) async throws -> [Int64: MutationResult]
    /// The bucket a record belongs to, if it exists.
    func bucket(of key: RecordKey) async throws -> BucketID?
    /// Record ids are global: those of `keys` that already belong to a bucket other than `bucket`.
    func keys(_ keys: [RecordKey], ownedOutside bucket: BucketID) async throws -> Set<RecordKey>
    /// Commits in one transaction. A write whose key belongs to another bucket makes it fail
    /// with ``CommitOutcome/conflict`` and writes nothing.
    func commit(_ commit: BucketCommit) async throws -> CommitOutcome
    /// Changes after `cursor` in any of `buckets`, oldest first.
    func changes(in buckets: [BucketID], after cursor: Int64, limit: Int) async throws -> ChangePage
    /// The newest change-log position.
    func currentCursor() async throws -> Int64
    /// The newest change-log position that touched any of `buckets`; 0 if none.
    func latestChange(in buckets: [BucketID]) async throws -> Int64
    /// The oldest cursor a pull may continue from; an older one must reset.
    func retentionHorizon() async throws -> Int64
    /// Drops tombstones older than `cursor` and moves the horizon; returns how many went.
    func purgeTombstones(before cursor: Int64) async throws -> Int
}
