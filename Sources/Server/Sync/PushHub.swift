import Foundation
import Sync
import Synchronization

/// Tells connected phones that their bucket changed: the bucket and its new version, nothing
/// else (the live stream turns it into a poke with a cursor). One hub per process; with several
/// server processes each hub hears every commit through the store's notifications
/// (``CommitListener``).
///
/// A subscriber is two closures, called on the publisher's task: no task and no queue of its
/// own, so a held live stream costs what its closures capture. The hub also keeps idle streams
/// open: ``heartbeat(_:of:)`` beats one slice of the subscribers at a time, so a periodic job
/// (``LiveHeartbeat``) spreads the beats evenly instead of waking every stream at once.
///
/// A commit can reach the hub twice (directly from the writer that made it, then as the
/// store's notification): it is passed on only when the version is newer than the last one
/// passed on for the bucket, so phones hear each commit once.
final class PushHub: Sendable {
    /// A bucket's new version.
    struct Commit: Hashable, Sendable {
        var bucket: BucketID
        var version: Int64
    }

    /// What a subscriber is told.
    enum Event: Hashable, Sendable {
        /// A bucket it reads has a new version.
        case commit(Commit)
        /// Nothing changed; say something so the connection stays open.
        case heartbeat
    }

    private struct Subscriber {
        var buckets: [BucketID]
        var receive: @Sendable (Event) -> Void
        /// Which slice of heartbeats it is in.
        var slice: Int
    }

    private struct State {
        var subscribers: [UUID: Subscriber] = [:]
        var byBucket: [BucketID: Set<UUID>] = [:]
        /// The newest version passed on for each bucket that has subscribers.
        var latest: [BucketID: Int64] = [:]
        var nextSlice = 0
    }

    private let state = Mutex(State())

    /// Subscribes `receive` to `buckets` until ``unsubscribe(_:)``; its id.
    func subscribe(to buckets: [BucketID], receive: @escaping @Sendable (Event) -> Void) -> UUID {
        let id = UUID()
        state.withLock { state in
            state.subscribers[id] = Subscriber(buckets: buckets, receive: receive, slice: state.nextSlice)
            state.nextSlice &+= 1
            for bucket in buckets { state.byBucket[bucket, default: []].insert(id) }
        }
        return id
    }

    func unsubscribe(_ id: UUID) {
        state.withLock { state in
            for bucket in state.subscribers.removeValue(forKey: id)?.buckets ?? [] {
                state.byBucket[bucket]?.remove(id)
                if state.byBucket[bucket]?.isEmpty == true {
                    state.byBucket[bucket] = nil
                    state.latest[bucket] = nil
                }
            }
        }
    }

    /// Tells every subscriber of `bucket` its new `version`, unless one as new was already passed on.
    func publish(bucket: BucketID, version: Int64) {
        let receivers = state.withLock { state -> [@Sendable (Event) -> Void] in
            guard let ids = state.byBucket[bucket], version > state.latest[bucket, default: 0] else { return [] }
            state.latest[bucket] = version
            return ids.compactMap { state.subscribers[$0]?.receive }
        }
        let event = Event.commit(Commit(bucket: bucket, version: version))
        for receive in receivers { receive(event) }
    }

    /// Beats the subscribers in slice `slice` of `slices`.
    func heartbeat(_ slice: Int, of slices: Int) {
        let receivers = state.withLock { state in
            state.subscribers.values.filter { $0.slice % slices == slice }.map(\.receive)
        }
        for receive in receivers { receive(.heartbeat) }
    }

    /// The number of live subscriptions (a gauge for operators).
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
