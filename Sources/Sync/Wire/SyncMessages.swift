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

    private enum CodingKeys: String, CodingKey { case deviceID, mutations }

    /// Decodes a push as the contract's `PushRequest` describes it, with no property it does
    /// not list; each mutation decodes as strictly (``Mutation/init(from:)``). The server reads
    /// a push's body straight into this type, once.
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(["deviceID", "mutations"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.deviceID = try c.decode(String.self, forKey: .deviceID)
        self.mutations = try c.decode([Mutation].self, forKey: .mutations)
    }
}

/// The answer to a push: one result per mutation, in order. Pull to see their effects.
public struct PushResponse: Hashable, Sendable, Codable {
    /// One result per mutation, in order.
    public var results: [MutationResult]

    /// An answer to a push.
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

    /// A change.
    public init(seq: Int64, record: SyncRecord) {
        self.seq = seq
        self.record = record
    }
}

/// `GET /v1/sync/pull?cursor=TOKEN`: the changes after a cursor.
public struct PullResponse: Hashable, Sendable, Codable {
    /// The changes, claims first.
    public var changes: [Change]
    /// Pull again from here.
    public var cursor: SyncCursor
    /// More changes wait after ``cursor``.
    public var hasMore: Bool
    /// The cursor is older than the retained log (or ahead of it, after a restore): drop the
    /// local copy (keep the outbox) and pull from ``SyncCursor/start``.
    public var reset: Bool

    /// An answer to a pull.
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
    /// The cursor of the newest changes; a phone whose cursor differs pulls.
    public var cursor: SyncCursor

    /// A poke.
    public init(cursor: SyncCursor) { self.cursor = cursor }
}
