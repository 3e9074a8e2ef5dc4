import Sync

/// Exponential backoff with a cap and seeded jitter: attempt 1 waits `initialSeconds`, each
/// further attempt twice as long, never more than `maximumSeconds` (1, 2, 4, ..., 60 s).
///
/// Jitter shortens each delay by a random fraction up to ``jitter`` so that phones that lost
/// the network together do not come back together; with a seed the delays are repeatable,
/// and with `jitter: 0` they are exact.
public struct RetryBackoff: Hashable, Sendable {
    /// The first delay.
    public var initialSeconds: Double
    /// The cap.
    public var maximumSeconds: Double
    /// The largest fraction (0...1) a delay is shortened by.
    public var jitter: Double
    /// The jitter source.
    public var generator: SplitMix64

    /// A backoff policy; pass a `seed` for repeatable jitter.
    public init(initialSeconds: Double = 1, maximumSeconds: Double = 60, jitter: Double = 0.2, seed: UInt64 = .random(in: .min ... .max)) {
        self.initialSeconds = initialSeconds
        self.maximumSeconds = maximumSeconds
        self.jitter = min(max(jitter, 0), 1)
        self.generator = SplitMix64(seed: seed)
    }

    /// The delay before retry number `attempt` (1 for the first retry) without jitter.
    public func baseDelay(attempt: Int) -> Double {
        let doublings = min(max(attempt - 1, 0), 62)
        return min(maximumSeconds, initialSeconds * Double(UInt64(1) << UInt64(doublings)))
    }

    /// The delay before retry number `attempt`, with jitter (advances the jitter source).
    public mutating func delay(attempt: Int) -> Double {
        let base = baseDelay(attempt: attempt)
        guard jitter > 0 else { return base }
        return base * (1 - jitter * Double.random(in: 0..<1, using: &generator))
    }
}
