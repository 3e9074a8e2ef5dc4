import Foundation
import Sync
import Synchronization

/// Tells connected phones that their bucket changed: the bucket and its new version, nothing
/// else (the live stream turns it into a poke with a cursor). One hub per process; with several
/// server processes each hub hears every commit through the store's notifications
/// (``CommitListener``).
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

    struct Subscription: Sendable {
        let id: UUID
        let commits: AsyncStream<Commit>
    }

    private struct State {
        var byBucket: [BucketID: [UUID: AsyncStream<Commit>.Continuation]] = [:]
        var buckets: [UUID: [BucketID]] = [:]
        /// The newest version passed on for each bucket that has subscribers.
        var latest: [BucketID: Int64] = [:]
    }

    private let state = Mutex(State())

    /// Subscribes to pokes for `buckets`; the stream ends when the subscriber goes away.
    func subscribe(to buckets: [BucketID]) -> Subscription {
        let id = UUID()
        // The newest commit of each bucket is what matters; a subscriber reads at most two buckets.
        let (stream, continuation) = AsyncStream.makeStream(of: Commit.self, bufferingPolicy: .bufferingNewest(buckets.count))
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        state.withLock { state in
            state.buckets[id] = buckets
            for bucket in buckets { state.byBucket[bucket, default: [:]][id] = continuation }
        }
        return Subscription(id: id, commits: stream)
    }

    func unsubscribe(_ id: UUID) {
        state.withLock { state in
            for bucket in state.buckets.removeValue(forKey: id) ?? [] {
                state.byBucket[bucket]?[id] = nil
                if state.byBucket[bucket]?.isEmpty == true {
                    state.byBucket[bucket] = nil
                    state.latest[bucket] = nil
                }
            }
        }
    }

    /// Tells every subscriber of `bucket` its new `version`, unless one as new was already passed on.
    func publish(bucket: BucketID, version: Int64) {
        let continuations = state.withLock { state -> [AsyncStream<Commit>.Continuation] in
            guard let subscribers = state.byBucket[bucket], version > state.latest[bucket, default: 0] else { return [] }
            state.latest[bucket] = version
            return Array(subscribers.values)
        }
        for continuation in continuations { continuation.yield(Commit(bucket: bucket, version: version)) }
    }

    /// The number of live subscriptions (a gauge for operators).
    var subscriberCount: Int { state.withLock { $0.buckets.count } }
}
