import Logging
import PostgresNIO
import Sync
import Synchronization

/// Tells every server process about this process's commits, after they land, in batches.
///
/// PostgreSQL serializes every transaction that sends a `NOTIFY`: it takes one lock for the
/// whole cluster at commit and holds it until the commit is flushed. A notice sent inside each
/// bucket transaction would make every commit of every process wait for the previous one's WAL
/// flush, which is the global lock the per-bucket design removed. So a bucket transaction only
/// commits; its bucket and new version are queued here, and one notice at a time carries
/// everything queued since the last one, in a transaction of its own that does not wait for its
/// flush (`synchronous_commit` off: a notice is a hint, the commit it names is already durable).
///
/// A notice waits ``linger`` after the first commit it carries, so that under load a process sends
/// at most one notice per ``linger`` however many commits it makes: every notice is a commit of its
/// own and is delivered to every listening process, so one per commit would cost PostgreSQL
/// more with each process added. Phones on other processes hear of a change that much later;
/// this process's own phones are poked at the commit.
///
/// A notice never names a commit that did not land. A process that stops between a commit and
/// its notice loses that notice: the other processes' phones hear of the change with the next
/// commit of the bucket, or when they reconnect and their cursor is behind.
final class CommitNotices: Sendable {
    private struct State {
        /// The newest version of each bucket committed since the last notice.
        var pending: [BucketID: Int64] = [:]
    }

    private let state = Mutex(State())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    /// How long a notice waits for more commits to carry.
    let linger: Duration

    init(linger: Duration = .milliseconds(20)) {
        self.linger = linger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues the notice of a commit that has landed.
    func committed(bucket: BucketID, version: Int64) {
        state.withLock { state in state.pending[bucket] = max(state.pending[bucket] ?? 0, version) }
        wake.yield()
    }

    /// Sends queued notices on `client` until the calling task is cancelled.
    func run(on client: PostgresClient, logger: Logger) async {
        for await _ in wakes {
            try? await Task.sleep(for: linger)
            let batch = state.withLock { state in
                defer { state.pending = [:] }
                return state.pending
            }
            for payload in PostgresStore.payloads(batch.map { ($0.key, $0.value) }) {
                do {
                    try await client.query(
                        """
                        SELECT set_config('synchronous_commit', 'off', true), pg_notify(\(PostgresStore.commitChannel), \(payload))
                        """,
                        logger: logger
                    )
                } catch {
                    logger.warning("commit notice not sent; other processes' phones hear of it later", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
