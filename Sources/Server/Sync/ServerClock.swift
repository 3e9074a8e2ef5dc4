import Foundation
import Sync
import Synchronization

/// The server's hybrid logical clock, shared by every request of this process.
final class ServerClock: Sendable {
    private let clock: Mutex<HybridLogicalClock>
    private let now: @Sendable () -> Date

    init(node: String = "server", maxSkewMillis: Int64 = 5 * 60_000, now: @escaping @Sendable () -> Date) {
        self.clock = Mutex(HybridLogicalClock(node: node, maxSkewMillis: maxSkewMillis))
        self.now = now
    }

    var physicalMillis: Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Runs `body` with exclusive use of the clock.
    func withClock<T>(_ body: (inout HybridLogicalClock, Int64) throws -> T) rethrows -> T {
        let millis = physicalMillis
        return try clock.withLock { try body(&$0, millis) }
    }

    /// A timestamp for a server write.
    func tick() -> HLCTimestamp { withClock { clock, millis in clock.tick(physicalMillis: millis) } }
}
