import Foundation
import Sync
import Synchronization

/// Tells connected phones that their bucket changed: a poke with the new cursor and nothing
/// else. One hub per process; with several server processes each hub hears every commit
/// through the store's notifications.
final class PushHub: Sendable {
    struct Subscription: Sendable {
        let id: UUID
        let pokes: AsyncStream<Poke>
    }

    private struct State {
        var byBucket: [BucketID: [UUID: AsyncStream<Poke>.Continuation]] = [:]
        var buckets: [UUID: [BucketID]] = [:]
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
                if state.byBucket[bucket]?.isEmpty == true { state.byBucket[bucket] = nil }
            }
        }
    }

    /// Pokes every subscriber of `bucket` with `cursor`.
    func publish(bucket: BucketID, cursor: Int64) {
        let continuations = state.withLock { Array(($0.byBucket[bucket] ?? [:]).values) }
        for continuation in continuations { continuation.yield(Poke(cursor: cursor)) }
    }

    /// The number of live subscriptions (a gauge for operators).
    var subscriberCount: Int { state.withLock { $0.buckets.count } }
}
