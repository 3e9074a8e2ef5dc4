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
    /// The bucket a record belongs to, if it exists.
    func bucket(of key: RecordKey) async throws -> BucketID?
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
