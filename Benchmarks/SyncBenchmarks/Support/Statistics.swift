import Foundation
import Synchronization

/// Percentiles of a sample, nearest-rank.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// Seconds on a monotonic clock.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// The median of a sample.
func median(_ values: [Double]) -> Double { percentile(values, 50) }

/// A number any task may move.
final class Counter: Sendable {
    private let atomic = Atomic(0)

    /// Adds one; the new value.
    func increment() -> Int { atomic.add(1, ordering: .relaxed).newValue }

    /// Raises the value to `value` if it is lower.
    func raise(to value: Int) { _ = atomic.max(value, ordering: .relaxed) }

    var value: Int { atomic.load(ordering: .relaxed) }
}
