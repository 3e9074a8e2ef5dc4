import Foundation
import Server
import Synchronization
import Testing

/// The one service clock: a simulated one stands still until advanced, never goes back, and
/// runs every periodic job whose wait is over before the advance returns.
@Suite("Service clock")
struct ServiceClockTests {
    let start = Date(timeIntervalSince1970: 1_773_619_200)  // 2026-03-16 00:00 UTC

    @Test func aSimulatedClockStandsStillUntilAdvancedAndNeverGoesBack() async throws {
        let clock = ServiceClock.simulated(startingAt: start)
        #expect(clock.isSimulated)
        #expect(clock.now() == start)
        try await Task.sleep(for: .milliseconds(20))
        #expect(clock.now() == start, "wall time passing does not move it")
        #expect(try await clock.advance(bySeconds: 3_600) == start.addingTimeInterval(3_600))
        #expect(clock.now() == start.addingTimeInterval(3_600))
        await #expect(throws: ServiceClockError.backwards(now: start.addingTimeInterval(3_600), requested: start)) {
            try await clock.advance(to: start)
        }
        #expect(clock.now() == start.addingTimeInterval(3_600))
    }

    @Test func aRealClockCannotBeAdvanced() async throws {
        let clock = ServiceClock(now: { Date(timeIntervalSince1970: 42) })
        #expect(!clock.isSimulated)
        #expect(clock.now() == Date(timeIntervalSince1970: 42))
        await #expect(throws: ServiceClockError.notSimulated) { try await clock.advance(bySeconds: 60) }
        #expect(!ServiceClock.system.isSimulated)
    }

    @Test func periodicJobsRunOncePerAdvancePastTheirIntervalAndTheAdvanceWaitsForThem() async throws {
        let clock = ServiceClock.simulated(startingAt: start)
        let turns = Mutex<[Date]>([])
        let job = Task {
            for await now in clock.ticks(every: .seconds(300)) {
                // A turn that takes a while (wall time): the advance must wait for it.
                try? await Task.sleep(for: .milliseconds(30))
                turns.withLock { $0.append(now) }
            }
        }
        defer { job.cancel() }
        // The first turn runs at once, then the job waits on the clock.
        try await Self.until { clock.waitingJobs == 1 }
        #expect(turns.withLock { $0 } == [start])
        try await clock.advance(bySeconds: 299)
        #expect(turns.withLock { $0 }.count == 1, "the interval has not passed")
        try await clock.advance(bySeconds: 1)
        #expect(turns.withLock { $0 } == [start, start.addingTimeInterval(300)], "the advance returned after the turn")
        try await clock.advance(bySeconds: 86_400)
        #expect(turns.withLock { $0 }.last == start.addingTimeInterval(300 + 86_400), "a day in one step is one turn, at the new instant")
        #expect(turns.withLock { $0 }.count == 3)
    }

    @Test func aCancelledJobNoLongerHoldsAnAdvance() async throws {
        let clock = ServiceClock.simulated(startingAt: start)
        let job = Task {
            for await _ in clock.ticks(every: .seconds(60)) {}
        }
        try await Self.until { clock.waitingJobs == 1 }
        job.cancel()
        _ = await job.value
        try await clock.advance(bySeconds: 600)
        #expect(clock.now() == start.addingTimeInterval(600))
    }

    /// Waits (up to ten seconds) for something a task started elsewhere does.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<1_000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        #expect(condition())
    }
}
