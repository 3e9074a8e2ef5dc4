import Foundation

extension ServiceClock {
    /// The turns of a periodic job: the first at once, then one every `interval` of this
    /// clock's time (wall time for a real clock; an advance of a simulated one). Each element
    /// is the clock's instant at the start of the turn.
    ///
    /// ```swift
    /// for await now in clock.ticks(every: .seconds(300)) { try? await sweep(now: now) }
    /// ```
    ///
    /// With a simulated clock, asking for the next turn tells the clock the previous one is
    /// done, so ``advance(to:)`` returns only after the turns it started are over. The
    /// sequence ends when the task is cancelled.
    public func ticks(every interval: Duration) -> Ticks { Ticks(clock: self, interval: interval) }

    /// See ``ServiceClock/ticks(every:)``.
    public struct Ticks: AsyncSequence, Sendable {
        public typealias Element = Date
        let clock: ServiceClock
        let interval: Duration

        public func makeAsyncIterator() -> Iterator { Iterator(clock: clock, interval: interval) }

        /// Waits for each turn in turn.
        public struct Iterator: AsyncIteratorProtocol {
            let clock: ServiceClock
            let interval: Duration
            var started = false
            var inTurn = false

            public mutating func next() async -> Date? {
                let finishing = inTurn
                inTurn = false
                if Task.isCancelled {
                    if finishing { clock.finishedTurn() }
                    return nil
                }
                if !started {
                    started = true
                } else if clock.isSimulated {
                    guard await clock.waitSimulated(interval, finishingTurn: finishing) else { return nil }
                    inTurn = true
                    return clock.now()
                } else {
                    do { try await Task.sleep(for: interval) } catch { return nil }
                    return clock.now()
                }
                if clock.isSimulated {
                    clock.startedTurn()
                    inTurn = true
                }
                return clock.now()
            }
        }
    }
}
