import Models

/// A hybrid logical clock timestamp: wall-clock milliseconds, a counter for events within
/// the same millisecond, and the node that made it (a device id or `server`) to break ties.
///
/// Timestamps are totally ordered, and a timestamp made after receiving another is always
/// greater than it, whatever the device clocks say.
public struct HLCTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970 (UTC).
    public var millis: Int64
    /// Orders events within the same millisecond.
    public var counter: UInt32
    /// The node that made the timestamp.
    public var node: String

    /// A timestamp.
    public init(millis: Int64, counter: UInt32, node: String) {
        self.millis = millis
        self.counter = counter
        self.node = node
    }

    /// Orders by time, then counter, then node: a total order every replica agrees on.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.millis, lhs.counter, lhs.node) < (rhs.millis, rhs.counter, rhs.node)
    }

    /// `millis.counter@node`, for logs.
    public var description: String { "\(millis).\(counter)@\(node)" }
}

/// A hybrid logical clock (Kulkarni et al., 2014) with bounded skew: a remote timestamp
/// more than ``maxSkewMillis`` ahead of the local wall clock is refused, so one phone with
/// a wrong clock cannot win every last-writer-wins conflict for hours.
public struct HybridLogicalClock: Sendable {
    /// The node whose timestamps this clock issues (the device id, or `server`).
    public let node: String
    /// The most a remote timestamp may run ahead of the wall clock.
    public let maxSkewMillis: Int64
    /// The last timestamp issued or received.
    public private(set) var last: HLCTimestamp

    /// A remote timestamp was too far ahead of the local clock.
    public struct SkewError: Error, Hashable, Sendable {
        /// The remote timestamp.
        public var remote: HLCTimestamp
        /// The local wall clock when it arrived.
        public var localMillis: Int64
    }

    /// A clock for `node` that refuses remote timestamps more than `maxSkewMillis` ahead.
    public init(node: String, maxSkewMillis: Int64 = 60_000) {
        self.node = node
        self.maxSkewMillis = maxSkewMillis
        self.last = HLCTimestamp(millis: 0, counter: 0, node: node)
    }

    /// A timestamp for a local event at wall-clock time `physicalMillis`.
    public mutating func tick(physicalMillis: Int64) -> HLCTimestamp {
        if physicalMillis > last.millis {
            last = HLCTimestamp(millis: physicalMillis, counter: 0, node: node)
        } else {
            last = HLCTimestamp(millis: last.millis, counter: last.counter + 1, node: node)
        }
        return last
    }

    /// Merges a received timestamp, returning a local timestamp greater than both.
    public mutating func receive(_ remote: HLCTimestamp, physicalMillis: Int64) throws(SkewError) -> HLCTimestamp {
        guard remote.millis - physicalMillis <= maxSkewMillis else {
            throw SkewError(remote: remote, localMillis: physicalMillis)
        }
        let millis = max(physicalMillis, last.millis, remote.millis)
        let counter: UInt32 =
            if millis == last.millis && millis == remote.millis {
                max(last.counter, remote.counter) + 1
            } else if millis == last.millis {
                last.counter + 1
            } else if millis == remote.millis {
                remote.counter + 1
            } else {
                0
            }
        last = HLCTimestamp(millis: millis, counter: counter, node: node)
        return last
    }
}
