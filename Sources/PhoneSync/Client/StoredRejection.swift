import Foundation
import Sync

/// A mutation the server refused, kept to show the participant; never retried.
public struct StoredRejection: Hashable, Sendable {
    /// The local id, to acknowledge it with ``ReplicaStore/acknowledgeRejection(_:)``.
    public var id: Int64
    /// The refused mutation.
    public var mutation: Mutation
    /// Why the server refused it.
    public var rejection: Rejection
    /// The server's record at the time, which now stands.
    public var serverRecord: SyncRecord?
    /// Whether the user has seen and dismissed it.
    public var acknowledged: Bool
    /// When the answer arrived (the replica's wall clock).
    public var receivedAt: Date

    /// A stored rejection.
    public init(id: Int64, mutation: Mutation, rejection: Rejection, serverRecord: SyncRecord?, acknowledged: Bool, receivedAt: Date) {
        self.id = id
        self.mutation = mutation
        self.rejection = rejection
        self.serverRecord = serverRecord
        self.acknowledged = acknowledged
        self.receivedAt = receivedAt
    }
}
