import Foundation
import Synchronization

/// The one clock the whole service reads: SLA clocks and worklists, notices and their update
/// interval, tokens, sign-in codes, appointments and no-shows, upload expiry. Periodic jobs
/// (the SLA monitor, the no-show sweeper, the upload sweeper) wait for their next run on it
/// through ``ticks(every:)``.
///
/// Three kinds:
/// - ``system``: the wall clock; jobs wait on wall time.
/// - ``init(now:)``: any reading (tests pass a fixed or stepped instant); jobs wait on wall time.
/// - ``simulated(startingAt:)``: time stands still until ``advance(to:)`` moves it, which runs
///   every job whose wait is over and returns once each is waiting again. Days pass in seconds
///   and nothing waits on a wall-clock sleep (the simulator's branch week).
public final class ServiceClock: Sendable {
    let reading: (@Sendable () -> Date)?
    let simulation: SimulatedTime?

    /// The wall clock.
    public static var system: ServiceClock { ServiceClock(now: { Date() }) }

    /// A clock that reads `now`; periodic jobs wait on wall time.
    public init(now: @escaping @Sendable () -> Date) {
        reading = now
        simulation = nil
    }

    private init(simulatedStart: Date) {
        reading = nil
        simulation = SimulatedTime(Simulation(now: simulatedStart))
    }

    /// A simulated clock standing at `start` until it is advanced.
    public static func simulated(startingAt start: Date) -> ServiceClock { ServiceClock(simulatedStart: start) }

    /// Whether ``advance(to:)`` drives this clock.
    public var isSimulated: Bool { simulation != nil }

    /// The current instant.
    public func now() -> Date {
        if let reading { return reading() }
        return simulation!.state.withLock { $0.now }
    }

    /// The clock's reading as a closure, for the services that take one.
    public var reader: @Sendable () -> Date { { [self] in now() } }
}

/// A clock operation that this clock cannot do.
public enum ServiceClockError: Error, Hashable, Sendable {
    /// Only a simulated clock can be advanced.
    case notSimulated
    /// A simulated clock never goes back: the requested instant is before its current one.
    case backwards(now: Date, requested: Date)
}
