import Foundation
import Synchronization

/// The sign-ins (refresh-token families) ended in the last few minutes, so their access tokens
/// stop working at once instead of when they expire.
///
/// Every authenticated request asks, so it is a set in memory behind a lock: one hash lookup.
/// A family stays in it for the life of an access token after it ended (no token of it can be
/// valid after that, and none can be issued). It is filled from the store when the service
/// starts, and kept current across processes by the store's announcements
/// (``RevocationListener``).
public final class RevokedSessions: Sendable {
    /// How long an ended family is remembered: an access token's life.
    let retention: TimeInterval
    private let families = Mutex<[UUID: Date]>([:])

    public init(retention: TimeInterval) { self.retention = retention }

    /// Whether the sign-in `family` has ended.
    public func contains(_ family: UUID) -> Bool { families.withLock { $0[family] != nil } }

    /// Records that `family` ended at `date`, and forgets families ended longer ago than
    /// ``retention`` before it.
    public func insert(_ family: UUID, endedAt date: Date) {
        families.withLock { families in
            families[family] = max(date, families[family] ?? date)
            // Forgetting is rare work: only when the set has grown.
            if families.count > 1024, families.count.isMultiple(of: 256) {
                let cutoff = date.addingTimeInterval(-retention)
                families = families.filter { $0.value >= cutoff }
            }
        }
    }

    /// Adds families read from the store.
    public func insert(_ ended: [UUID: Date]) {
        for (family, date) in ended { insert(family, endedAt: date) }
    }

    /// How many families are remembered.
    public var count: Int { families.withLock { $0.count } }
}
