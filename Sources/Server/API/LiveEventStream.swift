import Foundation
import ServiceLifecycle
import Sync
import Synchronization

/// The bytes of a live stream (Server-Sent Events): pokes carrying the cursor of the newest
/// changes, with one at once when the phone is not there yet, and the hub's heartbeats, until
/// the phone goes away or the server shuts down.
///
/// A held stream is a subscription of the ``PushHub`` and a small buffer: no task of its own.
/// The hub's publisher writes pokes into the buffer; Hummingbird's response writer reads them.
struct LiveEventStream: Sendable {
    let hub: PushHub
    let cursors: CursorCodec
    /// The buckets the phone reads.
    let buckets: [BucketID]

    /// Opens the stream of a phone whose cursor holds `positions` (`nil` for a cursor signed by a
    /// key no longer in force: the phone is poked at once, and its pull tells it to reset).
    /// `heads` reads the buckets' newest versions; it runs once the subscription is in place, so
    /// no commit falls between.
    func open(from positions: [Int64]?, heads: () async throws -> [Int64]) async throws -> LiveEventBytes {
        let (stream, continuation) = AsyncStream.makeStream(of: ArraySlice<UInt8>.self, bufferingPolicy: .bufferingNewest(8))
        let pokes = PokeWriter(buckets: buckets, cursors: cursors, continuation: continuation)
        let id = hub.subscribe(to: buckets) { pokes.receive($0) }
        continuation.onTermination = { [hub] _ in hub.unsubscribe(id) }
        do {
            pokes.start(phoneAt: positions, heads: try await heads())
        } catch {
            continuation.finish()
            throw error
        }
        return LiveEventBytes(stream: stream, continuation: continuation)
    }

    /// A token is base64url and a dot: it needs no escaping inside the JSON string.
    static func poke(_ cursor: SyncCursor) -> ArraySlice<UInt8> {
        ArraySlice("event: poke\ndata: {\"cursor\":\"\(cursor.token)\"}\n\n".utf8)
    }

    static let heartbeat = ArraySlice("event: heartbeat\ndata: {}\n\n".utf8)
}

/// One stream's positions, turning the hub's events into the stream's bytes.
final class PokeWriter: Sendable {
    private struct State {
        /// Where the phone has been told the buckets are; `nil` until the stream has started.
        var positions: [Int64]?
        /// The newest version of each bucket published before the stream started.
        var early: [Int64]
    }

    private let state: Mutex<State>
    private let buckets: [BucketID]
    private let cursors: CursorCodec
    private let continuation: AsyncStream<ArraySlice<UInt8>>.Continuation

    init(buckets: [BucketID], cursors: CursorCodec, continuation: AsyncStream<ArraySlice<UInt8>>.Continuation) {
        self.state = Mutex(State(positions: nil, early: Array(repeating: 0, count: buckets.count)))
        self.buckets = buckets
        self.cursors = cursors
        self.continuation = continuation
    }

    /// The phone is at `phone` (`nil`: unknown); the buckets' newest versions are `heads`. Pokes
    /// at once when they differ (a phone behind catches up, a phone ahead after a restore or with
    /// an unreadable cursor is told to reset by its pull).
    func start(phoneAt phone: [Int64]?, heads: [Int64]) {
        state.withLock { state in
            let positions = zip(heads, state.early).map { max($0, $1) }
            state.positions = positions
            if positions != phone { continuation.yield(LiveEventStream.poke(cursors.cursor(positions, in: buckets))) }
        }
    }

    func receive(_ event: PushHub.Event) {
        switch event {
        case .heartbeat:
            continuation.yield(LiveEventStream.heartbeat)
        case .commit(let commit):
            guard let index = buckets.firstIndex(of: commit.bucket) else { return }
            // Under the lock, so pokes leave in the order of their versions.
            state.withLock { state in
                guard var positions = state.positions else {
                    state.early[index] = max(state.early[index], commit.version)
                    return
                }
                guard commit.version > positions[index] else { return }
                positions[index] = commit.version
                state.positions = positions
                continuation.yield(LiveEventStream.poke(cursors.cursor(positions, in: buckets)))
            }
        }
    }
}

/// A live stream's bytes as the response body reads them. Waiting for the next event, it
/// listens for the server's graceful shutdown, which ends the stream so the phone reconnects
/// elsewhere.
struct LiveEventBytes: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    let stream: AsyncStream<ArraySlice<UInt8>>
    let continuation: AsyncStream<ArraySlice<UInt8>>.Continuation

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<ArraySlice<UInt8>>.AsyncIterator
        let continuation: AsyncStream<ArraySlice<UInt8>>.Continuation

        mutating func next() async -> ArraySlice<UInt8>? {
            var base = base
            defer { self.base = base }
            return await withGracefulShutdownHandler {
                await base.next()
            } onGracefulShutdown: { [continuation] in
                continuation.finish()
            }
        }
    }

    /// Ends the stream: it leaves the hub.
    func finish() { continuation.finish() }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), continuation: continuation) }
}
