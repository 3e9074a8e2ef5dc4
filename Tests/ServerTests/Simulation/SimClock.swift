import Foundation
import Sync
import Synchronization

/// Simulated time, shared by the server and the phones of one run.
final class SimClock: Sendable {
    private let millis = Mutex<Int64>(1_795_255_200_000)  // 2026-11-21 05:00 UTC, a Saturday in Bandung

    var now: Int64 { millis.withLock { $0 } }
    var date: Date { Date(timeIntervalSince1970: Double(now) / 1000) }

    func advance(by delta: Int64) { millis.withLock { $0 += delta } }
}

/// A seeded random source with the helpers the simulation needs.
struct SimRandom {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func chance(_ probability: Double) -> Bool { Double(generator.next() % 1_000_000) / 1_000_000 < probability }
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[int(0..<items.count)] }
    mutating func uuid() -> UUID {
        let a = generator.next()
        let b = generator.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}
