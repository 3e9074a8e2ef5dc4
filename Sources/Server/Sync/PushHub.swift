import Foundation
import Sync
import Synchronization

/// Tells connected phones that their bucket changed: a poke with the new cursor and nothing
/// else. One hub per process; with several server processes each hub hears every commit
/// through the store's notifications (``CommitListener``).
///
/// A commit can reach the hub twice (directly from the service that made it, then as the
/// store's notification): a poke is sent only when its cursor is newer than the last one sent
/// for the bucket, so phones hear each commit once.
final class PushHub: Sendable {
    struct Subscription: Sendable {
        let id: UUID
        let pokes: AsyncStream<Poke>
    }

    private struct State {
        var byBucket: [BucketID: [UUID: AsyncStream<Poke>.Continuation]] = [:]
        var buckets: [UUID: [BucketID]] = [:]
        /// The newest cursor poked for each bucket that has subscribers.
        var latest: [BucketID: Int64] = [:]
    }

    private let state = Mutex(State())

    /// Subscribes to pokes for `buckets`; the stream ends when the subscriber goes away.
    func subscribe(to buckets: [BucketID]) -> Subscription {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Poke.self, bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        state.withLock { state in
            state.buckets[id] = buckets
            for bucket in buckets { state.byBucket[bucket, default: [:]][id] = continuation }
        }
        return Subscription(id: id, pokes: stream)
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

    /// Pokes every subscriber of `bucket` with `cursor`, unless a poke as new was already sent.
    func publish(bucket: BucketID, cursor: Int64) {
        let continuations = state.withLock { state -> [AsyncStream<Poke>.Continuation] in
            guard let subscribers = state.byBucket[bucket], cursor > state.latest[bucket, default: 0] else { return [] }
            state.latest[bucket] = cursor
            return Array(subscribers.values)
        }
        for continuation in continuations { continuation.yield(Poke(cursor: cursor)) }
    }

    /// The number of live subscriptions (a gauge for operators).
    var subscriberCount: Int { state.withLock { $0.buckets.count } }
}
