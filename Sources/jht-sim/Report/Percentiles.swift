/// Summary figures of a list of measurements: count, mean, maximum and the 50th, 95th and 99th
/// percentiles.
///
/// Percentiles use the nearest-rank method: the p-th percentile of `n` sorted values is the value
/// at rank `ceil(p / 100 × n)` (1-based, clamped to `1...n`). It is always one of the measured
/// values, never an interpolation, so "p99 = 950 ms" means a real sample took 950 ms and at least
/// 99% of the samples took no longer.
///
/// Values that are not finite (NaN, ±infinity) are left out: they are not measurements.
struct Percentiles: Sendable, Equatable {
    var count: Int
    var mean: Double
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double

    /// The summary of `values`, or `nil` when there is no finite value to summarise.
    init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let last = sorted.last else { return nil }
        count = sorted.count
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = Self.nearestRank(50, sorted: sorted)
        p95 = Self.nearestRank(95, sorted: sorted)
        p99 = Self.nearestRank(99, sorted: sorted)
        max = last
    }

    /// The summary of integer measurements (byte counts, for example).
    init?(_ values: [Int]) {
        self.init(values.map(Double.init))
    }

    /// The nearest-rank `percentile` (0...100) of `sorted`, which must be sorted ascending and not empty.
    static func nearestRank(_ percentile: Double, sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "nearest rank of an empty list")
        let clamped = Swift.min(Swift.max(percentile, 0), 100)
        // Multiply before dividing: 95 × 20 / 100 is exactly 19, while 0.95 × 20 is not.
        let rank = Int((clamped * Double(sorted.count) / 100).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
