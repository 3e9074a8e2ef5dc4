import Foundation
import Synchronization

extension ServiceClock {
    /// A simulated clock's state behind its lock.
    final class SimulatedTime: Sendable {
        let state: Mutex<Simulation>
        init(_ simulation: Simulation) { state = Mutex(simulation) }
    }

    /// A simulated clock's state: the instant it shows, the jobs waiting on it, and the jobs
    /// running a turn that an advance is waiting for.
    struct Simulation: Sendable {
        struct Waiter: Sendable {
            var deadline: Date
            var continuation: CheckedContinuation<Bool, Never>
        }

        var now: Date
        var lastWaiter: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
        /// Waits cancelled before they were registered.
        var cancelled: Set<UInt64> = []
        /// Job turns started (by an advance, or the first turn of a job) and not yet finished.
        var running = 0
        /// Advances waiting for every running turn to finish.
        var idle: [CheckedContinuation<Void, Never>] = []
    }

    /// Moves a simulated clock to `instant`, runs every periodic job whose wait is over (each
    /// once, at the new instant), and returns when each of them is waiting again.
    /// - Returns: the clock's new instant.
    /// - Throws: ``ServiceClockError/notSimulated`` for a real clock, ``ServiceClockError/backwards(now:requested:)``
    ///   when `instant` is before the clock's current instant.
    @discardableResult
    public func advance(to instant: Date) async throws(ServiceClockError) -> Date {
        guard let simulation else { throw .notSimulated }
        let woken: Result<[Simulation.Waiter], ServiceClockError> = simulation.state.withLock { state in
            guard instant >= state.now else { return .failure(.backwards(now: state.now, requested: instant)) }
            state.now = instant
            let due = state.waiters.filter { $0.value.deadline <= instant }
            for id in due.keys { state.waiters[id] = nil }
            state.running += due.count
            return .success(Array(due.values))
        }
        for waiter in try woken.get() { waiter.continuation.resume(returning: true) }
        await untilIdle()
        return instant
    }

    /// Moves a simulated clock on by `seconds` (see ``advance(to:)``).
    @discardableResult
    public func advance(bySeconds seconds: TimeInterval) async throws(ServiceClockError) -> Date {
        try await advance(to: now().addingTimeInterval(max(seconds, 0)))
    }

    /// Returns once no job turn is running.
    func untilIdle() async {
        guard let simulation else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = simulation.state.withLock { state in
                if state.running == 0 { return true }
                state.idle.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// A job turn started outside an advance (a job's first turn).
    func startedTurn() {
        simulation?.state.withLock { $0.running += 1 }
    }

    /// A job finished its turn; the last one lets waiting advances return.
    func finishedTurn() {
        let waiting: [CheckedContinuation<Void, Never>] =
            simulation?.state.withLock { state in
                state.running = max(state.running - 1, 0)
                guard state.running == 0 else { return [] }
                defer { state.idle = [] }
                return state.idle
            } ?? []
        for continuation in waiting { continuation.resume() }
    }

    /// Waits until an advance reaches `interval` past the current simulated instant. With
    /// `finishingTurn`, the caller's turn ends in the same step as its wait begins, so an
    /// advance that returns once no turn runs finds the job already waiting.
    /// - Returns: false when the task was cancelled first.
    func waitSimulated(_ interval: Duration, finishingTurn: Bool) async -> Bool {
        guard let simulation else { return false }
        let id = simulation.state.withLock { state in
            state.lastWaiter += 1
            return state.lastWaiter
        }
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let (registered, idle) = simulation.state.withLock { state in
                    var idle: [CheckedContinuation<Void, Never>] = []
                    if finishingTurn {
                        state.running = max(state.running - 1, 0)
                        if state.running == 0 {
                            idle = state.idle
                            state.idle = []
                        }
                    }
                    if state.cancelled.remove(id) != nil { return (false, idle) }
                    state.waiters[id] = Simulation.Waiter(deadline: state.now.addingTimeInterval(seconds), continuation: continuation)
                    return (true, idle)
                }
                for waiting in idle { waiting.resume() }
                if !registered { continuation.resume(returning: false) }
            }
        } onCancel: {
            let waiter = simulation.state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return Simulation.Waiter?.none
                }
                return waiter
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Periodic jobs waiting on a simulated clock (0 for a real one).
    public var waitingJobs: Int { simulation?.state.withLock { $0.waiters.count } ?? 0 }
}
