import Foundation
import Sync

/// What an app shows about syncing as a whole: when the phone last caught up with the
/// server, what still waits to be sent, and the refusals the participant has not dismissed.
public struct SyncStatus: Hashable, Sendable {
    /// When a pull last brought the replica up to date, if ever ("last synced 10:42").
    public var lastSyncedAt: Date?
    /// Local changes waiting to be sent.
    public var pending: Int
    /// Local changes in the request being sent.
    public var sending: Int
    /// Documents whose bytes are still on their way to the server.
    public var uploadsWaiting: Int
    /// Refusals the participant has not dismissed, oldest first.
    public var rejections: [StoredRejection]

    /// A status.
    public init(lastSyncedAt: Date?, pending: Int, sending: Int, uploadsWaiting: Int, rejections: [StoredRejection]) {
        self.lastSyncedAt = lastSyncedAt
        self.pending = pending
        self.sending = sending
        self.uploadsWaiting = uploadsWaiting
        self.rejections = rejections
    }

    /// Nothing waits to be sent or uploaded.
    public var isUpToDate: Bool { pending == 0 && sending == 0 && uploadsWaiting == 0 }
}
