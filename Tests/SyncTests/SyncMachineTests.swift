import Foundation
import PhoneSync
import Sync
import Testing

@Suite("Sync state machine")
struct SyncMachineTests {
    /// A machine with exact backoff (no jitter).
    static func machine(cursor: SyncCursor = 0, outbox: Int = 0) -> SyncMachine {
        SyncMachine(cursor: cursor, outboxCount: outbox, backoff: RetryBackoff(jitter: 0, seed: 1))
    }

    static func pushResponse(_ count: Int) -> PushResponse {
        PushResponse(
            results: (0..<count).map { MutationResult(mutationID: UUID(), counter: Int64($0) + 1, outcome: .applied) }
        )
    }

    static func page(to cursor: SyncCursor, hasMore: Bool = false, changes: Int = 1) -> PullResponse {
        PullResponse(
            changes: (0..<changes).map {
                Change(seq: cursor.position - Int64($0), record: SyncRecord(key: RecordKey(type: "claim", id: "c\($0)")))
            },
            cursor: cursor,
            hasMore: hasMore
        )
    }

    @Test func doesNothingBeforeStart() {
        var machine = Self.machine()
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.poked(cursor: 5)) == .idle)
        #expect(machine.handle(.retryTimerFired) == .idle)
        #expect(machine.state == .stopped(reason: nil))
        #expect(machine.outboxCount == 1)
        #expect(machine.handle(.start) == .push(batchSize: 1))
    }

    @Test func startWithAnEmptyOutboxPullsUntilNothingMoreWaits() {
        var machine = Self.machine(cursor: 7)
        #expect(machine.handle(.start) == .pull(cursor: 7))
        #expect(machine.handle(.pullCompleted(Self.page(to: 20, hasMore: true))) == .pull(cursor: 20))
        #expect(machine.handle(.pullCompleted(Self.page(to: 25))) == .idle)
        #expect(machine.state == .idle)
        #expect(machine.cursor == 25)
    }

    @Test func pushesTheOutboxFirstInBatchesOfAtMostOneHundredThenPulls() {
        var machine = Self.machine(outbox: 250)
        #expect(machine.handle(.start) == .push(batchSize: 100))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(100), remaining: 150)) == .push(batchSize: 100))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(100), remaining: 50)) == .push(batchSize: 50))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(50), remaining: 0)) == .pull(cursor: 0))
        #expect(machine.handle(.pullCompleted(Self.page(to: 3))) == .idle)
    }

    @Test func onlyOneRequestIsInFlight() {
        var machine = Self.machine(outbox: 1)
        #expect(machine.handle(.start) == .push(batchSize: 1))
        #expect(machine.hasRequestInFlight)
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.poked(cursor: 9)) == .idle)
        #expect(machine.handle(.start) == .idle)
        #expect(machine.handle(.retryTimerFired) == .idle)
        #expect(machine.handle(.tokenRefreshed) == .idle)
        #expect(machine.handle(.pullCompleted(Self.page(to: 9))) == .idle)
        #expect(machine.state == .pushing(batchSize: 1))
        // The edit made during the push is pushed next, then the pull.
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 1)) == .push(batchSize: 1))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 0)) == .pull(cursor: 0))
    }

    @Test func localChangeWhileIdlePushesAtOnce() {
        var machine = Self.machine()
        _ = machine.handle(.start)
        _ = machine.handle(.pullCompleted(Self.page(to: 1)))
        #expect(machine.handle(.localChange) == .push(batchSize: 1))
    }

    @Test func localChangeDuringAPullIsPushedBeforeTheNextPage() {
        var machine = Self.machine()
        _ = machine.handle(.start)
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.pullCompleted(Self.page(to: 10, hasMore: true))) == .push(batchSize: 1))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 0)) == .pull(cursor: 10))
    }

    /// Cursors are opaque: a poke carrying the cursor the replica already holds asks for
    /// nothing; any other one pulls (a poke during that pull starts no second request at once, but
    /// one more pull after it).
    @Test func pokeWithTheCursorHeldIsIgnoredAndAnyOtherPullsOnce() {
        var machine = Self.machine(cursor: 10)
        _ = machine.handle(.start)
        _ = machine.handle(.pullCompleted(Self.page(to: 12)))
        #expect(machine.handle(.poked(cursor: 12)) == .idle)
        #expect(machine.handle(.poked(cursor: 13)) == .pull(cursor: 12))
        #expect(machine.handle(.poked(cursor: 14)) == .idle, "a pull is already in flight")
        #expect(machine.handle(.pullCompleted(Self.page(to: 13))) == .pull(cursor: 13), "then one more for the later poke")
        #expect(machine.handle(.pullCompleted(Self.page(to: 14))) == .idle)
        #expect(machine.handle(.poked(cursor: 14)) == .idle)
    }

    @Test func pokeWhileBusyPullsAgainAfterwards() {
        var machine = Self.machine(cursor: 10)
        _ = machine.handle(.start)
        #expect(machine.handle(.poked(cursor: 30)) == .idle)
        // The pull in flight ends at 20 with nothing more; the poke asks for one more pull.
        #expect(machine.handle(.pullCompleted(Self.page(to: 20))) == .pull(cursor: 20))
        #expect(machine.handle(.pullCompleted(Self.page(to: 30))) == .idle)
    }

    @Test func transientFailuresBackOffExponentiallyUpToTheCap() {
        var machine = Self.machine(outbox: 1)
        #expect(machine.handle(.start) == .push(batchSize: 1))
        var delays: [Double] = []
        for _ in 0..<9 {
            guard case .scheduleRetry(let seconds) = machine.handle(.pushFailed(.transient("503"))) else {
                Issue.record("expected a retry")
                return
            }
            delays.append(seconds)
            #expect(machine.handle(.retryTimerFired) == .push(batchSize: 1))
        }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        // Success resets the backoff.
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 0)) == .pull(cursor: 0))
        #expect(machine.handle(.pullFailed(.transient("timeout"))) == .scheduleRetry(afterSeconds: 1))
        #expect(machine.handle(.retryTimerFired) == .pull(cursor: 0))
    }

    @Test func jitterIsRepeatableForASeedAndStaysUnderTheBase() {
        var a = RetryBackoff(jitter: 0.5, seed: 42)
        var b = RetryBackoff(jitter: 0.5, seed: 42)
        var c = RetryBackoff(jitter: 0.5, seed: 43)
        let first = (1...8).map { a.delay(attempt: $0) }
        #expect(first == (1...8).map { b.delay(attempt: $0) })
        #expect(first != (1...8).map { c.delay(attempt: $0) })
        for (index, delay) in first.enumerated() {
            let base = a.baseDelay(attempt: index + 1)
            #expect(delay <= base && delay >= base * 0.5)
        }
        #expect(RetryBackoff(jitter: 0, seed: 0).baseDelay(attempt: 1_000) == 60)
    }

    @Test func unauthorizedRefreshesTheTokenThenRetriesTheSameBatch() {
        var machine = Self.machine(outbox: 3)
        #expect(machine.handle(.start) == .push(batchSize: 3))
        #expect(machine.handle(.pushFailed(.unauthorized)) == .refreshToken)
        #expect(machine.state == .refreshingToken(then: .push(batchSize: 3)))
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.tokenRefreshed) == .push(batchSize: 3))
        #expect(machine.outboxCount == 4)
    }

    @Test func unauthorizedPullRefreshesThenPullsFromTheSameCursor() {
        var machine = Self.machine(cursor: 5)
        #expect(machine.handle(.start) == .pull(cursor: 5))
        #expect(machine.handle(.pullFailed(.unauthorized)) == .refreshToken)
        #expect(machine.handle(.tokenRefreshed) == .pull(cursor: 5))
    }

    @Test func aRefusedNewTokenBacksOffBeforeRefreshingAgain() {
        var machine = Self.machine(outbox: 1)
        _ = machine.handle(.start)
        #expect(machine.handle(.pushFailed(.unauthorized)) == .refreshToken)
        #expect(machine.handle(.tokenRefreshed) == .push(batchSize: 1))
        #expect(machine.handle(.pushFailed(.unauthorized)) == .scheduleRetry(afterSeconds: 1))
        #expect(machine.handle(.retryTimerFired) == .refreshToken)
        #expect(machine.handle(.tokenRefreshFailed) == .scheduleRetry(afterSeconds: 2))
        #expect(machine.handle(.retryTimerFired) == .refreshToken)
        #expect(machine.handle(.tokenRefreshed) == .push(batchSize: 1))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 0)) == .pull(cursor: 0))
        #expect(machine.outboxCount == 0)
    }

    @Test func counterGapResequencesTheOutboxAndResends() {
        var machine = Self.machine(outbox: 2)
        #expect(machine.handle(.start) == .push(batchSize: 2))
        #expect(machine.handle(.pushFailed(.counterGap(expected: 7))) == .resequenceOutbox(from: 7))
        #expect(machine.state == .resequencingOutbox(from: 7))
        #expect(machine.handle(.outboxResequenced(remaining: 2)) == .push(batchSize: 2))
        #expect(machine.handle(.pushCompleted(Self.pushResponse(2), remaining: 0)) == .pull(cursor: 0))
    }

    @Test func endlessCounterGapsStopTheLoop() {
        var machine = Self.machine(outbox: 1)
        _ = machine.handle(.start)
        for _ in 0..<SyncMachine.maxCounterGapResends {
            #expect(machine.handle(.pushFailed(.counterGap(expected: 3))) == .resequenceOutbox(from: 3))
            #expect(machine.handle(.outboxResequenced(remaining: 1)) == .push(batchSize: 1))
        }
        guard case .stop = machine.handle(.pushFailed(.counterGap(expected: 3))) else {
            Issue.record("expected the loop to stop")
            return
        }
        #expect(machine.outboxCount == 1)
    }

    @Test func resetDropsTheReplicaThenPullsFromZero() {
        var machine = Self.machine(cursor: 40, outbox: 0)
        #expect(machine.handle(.start) == .pull(cursor: 40))
        #expect(machine.handle(.pullCompleted(PullResponse(changes: [], cursor: 90, hasMore: false, reset: true))) == .resetReplica)
        #expect(machine.state == .resettingReplica)
        #expect(machine.handle(.replicaReset) == .pull(cursor: 0))
        #expect(machine.cursor == 0)
        #expect(machine.handle(.pullCompleted(Self.page(to: 90))) == .idle)
        #expect(machine.cursor == 90)
    }

    @Test func permanentFailureStopsUntilStartedAgain() {
        var machine = Self.machine(outbox: 1)
        _ = machine.handle(.start)
        #expect(machine.handle(.pushFailed(.permanent("422 bad payload"))) == .stop(reason: "422 bad payload"))
        #expect(machine.state == .stopped(reason: "422 bad payload"))
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.cameOnline) == .idle)
        #expect(machine.outboxCount == 2)
        #expect(machine.handle(.start) == .push(batchSize: 2))
    }

    @Test func offlineCancelsTheRetryAndComingBackSyncsAtOnce() {
        var machine = Self.machine(outbox: 1)
        _ = machine.handle(.start)
        #expect(machine.handle(.pushFailed(.transient("no route"))) == .scheduleRetry(afterSeconds: 1))
        #expect(machine.handle(.wentOffline) == .idle)
        #expect(machine.state == .idle)
        #expect(machine.handle(.retryTimerFired) == .idle)
        #expect(machine.handle(.localChange) == .idle)
        #expect(machine.handle(.start) == .idle)
        #expect(machine.handle(.cameOnline) == .push(batchSize: 2))
        #expect(machine.consecutiveFailures == 0)
    }

    @Test func failureWhileOfflineWaitsForTheNetwork() {
        var machine = Self.machine(outbox: 1)
        _ = machine.handle(.start)
        _ = machine.handle(.wentOffline)
        #expect(machine.handle(.pushFailed(.transient("offline"))) == .idle)
        #expect(machine.state == .idle)
        #expect(machine.handle(.cameOnline) == .push(batchSize: 1))
    }

    @Test func startSkipsAPendingBackoff() {
        var machine = Self.machine(cursor: 3)
        _ = machine.handle(.start)
        #expect(machine.handle(.pullFailed(.transient("502"))) == .scheduleRetry(afterSeconds: 1))
        #expect(machine.handle(.start) == .pull(cursor: 3))
    }

    @Test func emptyPushAnswerOrStalledPagingIsRetriedNotLooped() {
        var machine = Self.machine(outbox: 2)
        _ = machine.handle(.start)
        #expect(machine.handle(.pushCompleted(PushResponse(results: []), remaining: 2)) == .scheduleRetry(afterSeconds: 1))
        var puller = Self.machine(cursor: 4)
        _ = puller.handle(.start)
        #expect(puller.handle(.pullCompleted(PullResponse(changes: [], cursor: 4, hasMore: true))) == .scheduleRetry(afterSeconds: 1))
        #expect(puller.handle(.retryTimerFired) == .pull(cursor: 4))
    }

    @Test func outcomesThatAnswerNothingAreIgnored() {
        var machine = Self.machine(cursor: 2)
        _ = machine.handle(.start)
        _ = machine.handle(.pullCompleted(Self.page(to: 2, changes: 0)))
        let before = machine
        #expect(machine.handle(.pushCompleted(Self.pushResponse(1), remaining: 0)) == .idle)
        #expect(machine.handle(.pushFailed(.unauthorized)) == .idle)
        #expect(machine.handle(.pullFailed(.transient("x"))) == .idle)
        #expect(machine.handle(.replicaReset) == .idle)
        #expect(machine.handle(.outboxResequenced(remaining: 5)) == .idle)
        #expect(machine.handle(.tokenRefreshFailed) == .idle)
        #expect(machine == before)
    }
}
