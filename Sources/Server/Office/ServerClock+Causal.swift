import Foundation
import Sync

extension ServerClock {
    /// A timestamp for a server write to `record` that comes after every write the record
    /// already holds, so a server-owned field always takes the office's new value, even when
    /// the record was last written by another process (or before a restart) whose clock ran
    /// ahead of this one.
    func tick(after record: SyncRecord?) -> HLCTimestamp {
        let floor = record?.fields.values.map(\.latestClock).max()
        return withClock { clock, millis in
            if let floor { _ = try? clock.receive(floor, physicalMillis: millis) }
            let next = clock.tick(physicalMillis: millis)
            guard let floor, next <= floor else { return next }
            // The record is further ahead than the skew this clock accepts: step just past it.
            return HLCTimestamp(millis: floor.millis, counter: floor.counter + 1, node: next.node)
        }
    }
}
