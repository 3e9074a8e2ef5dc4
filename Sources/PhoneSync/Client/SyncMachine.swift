import Sync

/// The sync loop's logic as a value-type state machine: events in, actions out, no I/O.
///
/// The order is: push the outbox (in batches of at most ``maxBatchSize``, in counter order),
/// then pull until the server has nothing more; a poke with another cursor asks for another
/// pull. Only one request is in flight at a time. Failures never drop a write: a 401
/// refreshes the token and retries the same request, transient faults are retried with
/// capped exponential backoff, a counter gap renumbers and resends the outbox, and only a
/// permanent failure stops the loop (until ``Event/start``).
///
/// A driver (``SyncClient``, or a simulator) performs each ``Action`` and feeds its outcome
/// back as an ``Event``.
public struct SyncMachine: Hashable, Sendable {
    /// The most mutations one push carries.
    public static let maxBatchSize = 100
    /// How many counter gaps in a row are answered by resending before the loop stops.
    public static let maxCounterGapResends = 3

    /// Where the loop is.
    public private(set) var state: State
    /// Where the replica has pulled up to.
    public private(set) var cursor: SyncCursor
    /// How many mutations wait in the outbox, as far as the machine knows.
    public private(set) var outboxCount: Int
    /// Whether the network is there.
    public private(set) var isOnline: Bool
    /// Whether a pull is due once the outbox is empty.
    public private(set) var needsPull: Bool
    /// Failures in a row; sets the backoff.
    public private(set) var consecutiveFailures: Int
    /// The backoff policy and its jitter source.
    public private(set) var backoff: RetryBackoff
    private var consecutiveUnauthorized = 0
    private var consecutiveCounterGaps = 0

    /// A machine that has not started yet.
    ///
    /// - Parameters:
    ///   - cursor: the replica's cursor.
    ///   - outboxCount: how many mutations wait in the replica's outbox.
    ///   - isOnline: whether the network is there.
    ///   - backoff: the retry policy.
    public init(cursor: SyncCursor = .start, outboxCount: Int = 0, isOnline: Bool = true, backoff: RetryBackoff = RetryBackoff()) {
        self.state = .stopped(reason: nil)
        self.cursor = cursor
        self.outboxCount = outboxCount
        self.isOnline = isOnline
        self.needsPull = false
        self.consecutiveFailures = 0
        self.backoff = backoff
    }

    /// Whether a request (push, pull or token refresh) is in flight.
    public var hasRequestInFlight: Bool {
        switch state {
        case .pushing, .pulling, .refreshingToken: true
        default: false
        }
    }

    /// Takes one event and returns what to do next.
    public mutating func handle(_ event: Event) -> Action {
        switch event {
        case .start:
            return start()
        case .localChange:
            outboxCount += 1
            return state == .idle ? next() : .idle
        case .poked(let newCursor):
            guard newCursor != cursor else { return .idle }
            needsPull = true
            return state == .idle ? next() : .idle
        case .pushCompleted(let response, let remaining):
            guard case .pushing(let batchSize) = state else { return .idle }
            outboxCount = max(remaining, 0)
            if response.results.isEmpty, outboxCount > 0 {
                return failed(.transient("The server answered a push without results."), request: .push(batchSize: batchSize))
            }
            succeeded()
            consecutiveCounterGaps = 0
            needsPull = true
            return next()
        case .pushFailed(let error):
            guard case .pushing(let batchSize) = state else { return .idle }
            return failed(error, request: .push(batchSize: batchSize))
        case .outboxResequenced(let remaining):
            guard case .resequencingOutbox = state else { return .idle }
            outboxCount = max(remaining, 0)
            return next()
        case .pullCompleted(let response):
            guard case .pulling = state else { return .idle }
            return pulled(response)
        case .pullFailed(let error):
            guard case .pulling = state else { return .idle }
            return failed(error, request: .pull)
        case .replicaReset:
            guard state == .resettingReplica else { return .idle }
            cursor = .start
            needsPull = true
            return resume(.pull)
        case .tokenRefreshed:
            guard case .refreshingToken(let request) = state else { return .idle }
            return resume(request)
        case .tokenRefreshFailed:
            guard case .refreshingToken(let request) = state else { return .idle }
            return scheduleRetry(.refreshToken(then: request))
        case .retryTimerFired:
            guard case .waitingToRetry(let retry) = state else { return .idle }
            return perform(retry)
        case .wentOffline:
            isOnline = false
            if case .waitingToRetry = state { state = .idle }
            return .idle
        case .cameOnline:
            guard !isOnline else { return .idle }
            isOnline = true
            consecutiveFailures = 0
            consecutiveUnauthorized = 0
            needsPull = true
            return state == .idle ? next() : .idle
        }
    }

    private mutating func start() -> Action {
        needsPull = true
        consecutiveFailures = 0
        consecutiveCounterGaps = 0
        switch state {
        case .stopped, .idle, .waitingToRetry(.sync):
            state = .idle
            return next()
        case .waitingToRetry(.refreshToken(let request)):
            return perform(.refreshToken(then: request))
        case .resettingReplica:
            // The reset was asked for but not confirmed (the driver failed): ask again.
            return .resetReplica
        case .resequencingOutbox(let expected):
            return .resequenceOutbox(from: expected)
        case .pushing, .pulling, .refreshingToken:
            return .idle
        }
    }

    private mutating func pulled(_ response: PullResponse) -> Action {
        if response.reset {
            state = .resettingReplica
            return .resetReplica
        }
        let progressed = response.cursor != cursor || !response.changes.isEmpty
        cursor = response.cursor
        if response.hasMore {
            needsPull = true
            guard progressed else { return failed(.transient("The server has more changes but sent none."), request: .pull) }
        }
        succeeded()
        return next()
    }

    private mutating func succeeded() {
        consecutiveFailures = 0
        consecutiveUnauthorized = 0
    }

    private mutating func failed(_ error: SyncTransportError, request: Request) -> Action {
        if request == .pull { needsPull = true }
        switch error {
        case .unauthorized:
            consecutiveUnauthorized += 1
            // Refresh at once the first time; if the new token is refused too, back off.
            return consecutiveUnauthorized == 1 ? perform(.refreshToken(then: request)) : scheduleRetry(.refreshToken(then: request))
        case .transient:
            return scheduleRetry(.sync)
        case .counterGap(let expected):
            guard case .push = request else { return scheduleRetry(.sync) }
            consecutiveCounterGaps += 1
            guard consecutiveCounterGaps <= Self.maxCounterGapResends else {
                return stop("The server keeps asking for mutations from counter \(expected).")
            }
            state = .resequencingOutbox(from: expected)
            return .resequenceOutbox(from: expected)
        case .permanent(let message):
            return stop(message)
        }
    }

    private mutating func stop(_ reason: String) -> Action {
        state = .stopped(reason: reason)
        return .stop(reason: reason)
    }

    private mutating func scheduleRetry(_ retry: Retry) -> Action {
        consecutiveFailures += 1
        guard isOnline else {
            state = .idle
            return .idle
        }
        state = .waitingToRetry(then: retry)
        return .scheduleRetry(afterSeconds: backoff.delay(attempt: consecutiveFailures))
    }

    private mutating func perform(_ retry: Retry) -> Action {
        switch retry {
        case .sync:
            state = .idle
            return next()
        case .refreshToken(let request):
            guard isOnline else {
                state = .idle
                return .idle
            }
            state = .refreshingToken(then: request)
            return .refreshToken
        }
    }

    /// Retries a request as it was (after a token refresh).
    private mutating func resume(_ request: Request) -> Action {
        guard isOnline else {
            state = .idle
            return .idle
        }
        switch request {
        case .push(let batchSize):
            guard outboxCount > 0 else { return next() }
            let size = min(batchSize, outboxCount)
            state = .pushing(batchSize: size)
            return .push(batchSize: size)
        case .pull:
            needsPull = false
            state = .pulling(cursor: cursor)
            return .pull(cursor: cursor)
        }
    }

    /// The next request: the outbox first, then a pull if one is due.
    private mutating func next() -> Action {
        guard isOnline else {
            state = .idle
            return .idle
        }
        if outboxCount > 0 {
            let size = min(outboxCount, Self.maxBatchSize)
            state = .pushing(batchSize: size)
            return .push(batchSize: size)
        }
        if needsPull {
            needsPull = false
            state = .pulling(cursor: cursor)
            return .pull(cursor: cursor)
        }
        state = .idle
        return .idle
    }
}
