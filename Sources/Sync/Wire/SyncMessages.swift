import Foundation

/// `POST /v1/sync/push`: a device's next mutations, in counter order.
public struct PushRequest: Hashable, Sendable, Codable {
    public var deviceID: String
    public var mutations: [Mutation]

    public init(deviceID: String, mutations: [Mutation]) {
        self.deviceID = deviceID
        self.mutations = mutations
    }
}

/// The answer to a push: one result per mutation, in order. Pull to see their effects.
public struct PushResponse: Hashable, Sendable, Codable {
    public var results: [MutationResult]

    public init(results: [MutationResult]) {
        self.results = results
    }
}

/// One record as it changed, at a position of the change log.
public struct Change: Hashable, Sendable, Codable {
    /// The server-assigned position of this change in its bucket's change log.
    public var seq: Int64
    /// The record's state (a tombstone when `record.deleted`).
    public var record: SyncRecord

    public init(seq: Int64, record: SyncRecord) {
        self.seq = seq
        self.record = record
    }
}

/// `GET /v1/sync/pull?cursor=TOKEN`: the changes after a cursor.
public struct PullResponse: Hashable, Sendable, Codable {
    public var changes: [Change]
    /// Pull again from here.
    public var cursor: SyncCursor
    /// More changes wait after ``cursor``.
    public var hasMore: Bool
    /// The cursor is older than the retained log (or ahead of it, after a restore): drop the
    /// local copy (keep the outbox) and pull from ``SyncCursor/start``.
    public var reset: Bool

    public init(changes: [Change], cursor: SyncCursor, hasMore: Bool, reset: Bool = false) {
        self.changes = changes
        self.cursor = cursor
        self.hasMore = hasMore
        self.reset = reset
    }
}

/// What the live stream sends: only the cursor of the newest changes, never personal data.
/// A phone whose cursor differs pulls.
public struct Poke: Hashable, Sendable, Codable {
    public var cursor: SyncCursor

    public init(cursor: SyncCursor) { self.cursor = cursor }
}
