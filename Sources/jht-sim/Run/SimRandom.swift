import Foundation
import Sync

/// The simulator's seeded randomness: every participant and officer draws from a generator
/// derived from the run's seed and its own index, so a run with the same seed makes the same
/// choices (the server's timing may still differ; the choices do not).
struct SimRandom: Sendable {
    private var generator: SplitMix64

    init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        generator = SplitMix64(seed: mixer.next())
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { p > 0 && Double.random(in: 0..<1, using: &generator) < p }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &generator) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    mutating func double(_ range: Range<Double>) -> Double { Double.random(in: range, using: &generator) }

    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[int(0..<items.count)] }

    /// A repeatable UUID (version 4 layout).
    mutating func uuid() -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }

    /// Fake document bytes of `count` bytes that start like a JPEG, so the server's content
    /// sniffing accepts them.
    mutating func jpeg(_ count: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: max(count, 16))
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        bytes.replaceSubrange(0..<4, with: [0xFF, 0xD8, 0xFF, 0xE0])
        bytes.replaceSubrange(bytes.count - 2..<bytes.count, with: [0xFF, 0xD9])
        return Data(bytes)
    }
}
