import Foundation
import Sync
import Synchronization

/// The phone's sync engine: drives a ``SyncMachine`` with a ``ReplicaStore``, a
/// ``SyncTransport`` and a ``TokenProvider``.
///
/// Two ways to drive it:
/// - ``syncNow()`` / ``run()``: loop with the real transport until there is nothing to do.
/// - Step by step, for a deterministic simulator without real concurrency: take
///   ``nextAction()``, perform it yourself (``preparePush()`` then your server, or a pull with
///   ``SyncClient/pullLimit``), and hand the outcome back with ``handlePush(result:)``,
///   ``handlePull(result:)``, ``handleTokenRefresh(result:)`` or ``retryTimerFired()``.
///
/// Local-only actions of the machine (``SyncMachine/Action/resetReplica`` and
/// ``SyncMachine/Action/resequenceOutbox(from:)``) are carried out inside the client;
/// ``nextAction()`` never returns them.
public final class SyncClient: Sendable {
    /// The local replica.
    public let store: ReplicaStore
    /// The most changes one pull asks for.
    public let pullLimit: Int
    let transport: any SyncTransport
    let tokens: any TokenProvider
    let sleep: @Sendable (Double) async throws -> Void
    let shared: Mutex<Shared>

    /// The client's mutable state, guarded by a mutex.
    struct Shared: Sendable {
        var machine: SyncMachine
        /// The action the machine asked for that nobody has taken yet.
        var pending: SyncMachine.Action = .idle
        var accessToken: String?
        var isRunning = false
    }

    /// A client for a replica.
    ///
    /// - Parameters:
    ///   - store: the replica.
    ///   - transport: how to reach the server (used by ``run()``).
    ///   - tokens: the access tokens (used by ``run()``).
    ///   - backoff: the retry policy.
    ///   - pullLimit: the most changes one pull asks for.
    ///   - sleep: waits a number of seconds in ``run()`` (inject one for tests).
    public init(
        store: ReplicaStore,
        transport: any SyncTransport,
        tokens: any TokenProvider,
        backoff: RetryBackoff = RetryBackoff(),
        pullLimit: Int = 500,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) throws {
        self.store = store
        self.transport = transport
        self.tokens = tokens
        self.pullLimit = pullLimit
        self.sleep = sleep
        let machine = SyncMachine(cursor: try store.cursor(), outboxCount: try store.sendableCount(), backoff: backoff)
        self.shared = Mutex(Shared(machine: machine))
    }

    /// A snapshot of the sync loop's state machine (state, cursor, outbox size, failures).
    public var machine: SyncMachine { shared.withLock { $0.machine } }

    /// The access token the client holds, if any.
    public var accessToken: String? { shared.withLock { $0.accessToken } }

    /// Where a record stands with the server.
    public func syncState(of key: RecordKey) throws -> RecordSyncState { try store.syncState(of: key) }

    /// When the replica last caught up with the server, if ever.
    public func lastSyncedAt() throws -> Date? { try store.lastSyncedAt() }

    /// Writes locally first (see ``ReplicaStore/mutate(record:operation:id:)``) and tells the
    /// sync loop. Call ``syncNow()`` afterwards to send it (or drive the steps).
    @discardableResult
    public func mutate(record key: RecordKey, operation: Sync.Operation, id: UUID = UUID()) throws -> Mutation {
        try shared.withLock { shared in
            let mutation = try store.mutate(record: key, operation: operation, id: id)
            try feed(.localChange, &shared)
            return mutation
        }
    }

    /// Feeds an event to the machine, carries out local-only actions, and keeps the next
    /// action to take (an `idle` answer leaves an untaken action in place).
    @discardableResult
    func feed(_ event: SyncMachine.Event, _ shared: inout Shared) throws -> SyncMachine.Action {
        var action = shared.machine.handle(event)
        while true {
            switch action {
            case .resetReplica:
                try store.resetReplica()
                action = shared.machine.handle(.replicaReset)
            case .resequenceOutbox(let expected):
                let remaining = try store.resequenceOutbox(from: expected)
                action = shared.machine.handle(.outboxResequenced(remaining: remaining))
            case .idle:
                return shared.pending
            case .push, .pull, .refreshToken, .scheduleRetry, .stop:
                shared.pending = action
                return action
            }
        }
    }
}
