import Foundation

/// `POST /v1/sync/push`: a device's next mutations, in counter order.
public struct PushRequest: Hashable, Sendable, Codable {
    /// The device that pushes.
    public var deviceID: String
    /// Its next mutations, in counter order.
    public var mutations: [Mutation]

    /// A push.
    public init(deviceID: String, mutations: [Mutation]) {
        self.deviceID = deviceID
        self.mutations = mutations
    }
}

/// The answer to a push: one result per mutation, in order.
public struct PushResponse: Hashable, Sendable, Codable {
    /// One result per mutation, in order.
    public var results: [MutationResult]
    /// The change-log position after this push; pull past it to see its effects.
    public var cursor: Int64

    /// An answer to a push.
    public init(results: [MutationResult], cursor: Int64) {
        self.results = results
        self.cursor = cursor
    }
}

/// One record as it changed, at a position of the change log.
public struct Change: Hashable, Sendable, Codable {
    /// The server-assigned sequence number of this change.
    public var seq: Int64
    /// The record's state (a tombstone when `record.deleted`).
    public var record: SyncRecord

    /// A change.
    public init(seq: Int64, record: SyncRecord) {
        self.seq = seq
        self.record = record
    }
}

/// `GET /v1/sync/pull?cursor=N`: the changes after a cursor.
public struct PullResponse: Hashable, Sendable, Codable {
    /// The changes, claims first.
    public var changes: [Change]
    /// Pull again from here.
    public var cursor: Int64
    /// More changes wait after ``cursor``.
    public var hasMore: Bool
    /// The cursor is older than the retained log: drop the local copy (keep the outbox) and
    /// pull from zero.
    public var reset: Bool

    /// An answer to a pull.
    public init(changes: [Change], cursor: Int64, hasMore: Bool, reset: Bool = false) {
        self.changes = changes
        self.cursor = cursor
        self.hasMore = hasMore
        self.reset = reset
    }
}

/// What the live stream sends: only a cursor, never personal data. The phone pulls.
public struct Poke: Hashable, Sendable, Codable {
    /// The change-log position the server reached; pull after it.
    public var cursor: Int64

    /// A poke.
    public init(cursor: Int64) { self.cursor = cursor }
}
