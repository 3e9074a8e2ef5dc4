import Foundation
import Synchronization

/// How often one client address may do something: a bucket of `capacity` that refills over
/// `per` seconds (a burst, then a steady pace).
public struct RateLimit: Sendable, Hashable {
    public var capacity: Double
    public var per: TimeInterval

    public init(capacity: Double, per: TimeInterval) {
        self.capacity = capacity
        self.per = per
    }

    var refillPerSecond: Double { capacity / per }
}

/// One address's bucket: a value type, tested without a clock of its own.
struct TokenBucket: Sendable, Hashable {
    var tokens: Double
    var updatedAt: Date

    /// Refills for the time passed, then takes one token.
    /// - Returns: `nil` when allowed; otherwise the seconds until a token is back.
    mutating func take(_ limit: RateLimit, at now: Date) -> TimeInterval? {
        refill(limit, at: now)
        guard tokens >= 1 else { return (1 - tokens) / limit.refillPerSecond }
        tokens -= 1
        return nil
    }

    /// The seconds until a token is back, without taking one; `nil` when one is there.
    mutating func wait(_ limit: RateLimit, at now: Date) -> TimeInterval? {
        refill(limit, at: now)
        return tokens >= 1 ? nil : (1 - tokens) / limit.refillPerSecond
    }

    mutating func refill(_ limit: RateLimit, at now: Date) {
        tokens = min(limit.capacity, tokens + max(0, now.timeIntervalSince(updatedAt)) * limit.refillPerSecond)
        updatedAt = now
    }
}

/// The buckets of every client address for one kind of action, in memory (per process). When
/// the table grows, full buckets are forgotten; past ``maximum`` addresses the least recently
/// seen half goes too, so a spray of addresses costs bounded memory (and each forgotten address
/// merely starts again with a full bucket).
final class AddressLimiter: Sendable {
    struct Table {
        var buckets: [String: TokenBucket] = [:]
        var nextTidy = AddressLimiter.tidyAt
    }

    let limit: RateLimit
    private let table = Mutex(Table())
    /// Addresses remembered before the first tidying.
    static let tidyAt = 10_000
    /// Addresses remembered at most.
    static let maximum = 50_000

    init(_ limit: RateLimit) { self.limit = limit }

    /// Takes a token for `address`; the seconds to wait when there is none.
    func take(_ address: String, at now: Date) -> TimeInterval? {
        table.withLock { table in
            var bucket = table.buckets[address] ?? TokenBucket(tokens: limit.capacity, updatedAt: now)
            let wait = bucket.take(limit, at: now)
            table.buckets[address] = bucket
            if table.buckets.count > table.nextTidy { tidy(&table, at: now) }
            return wait
        }
    }

    /// The seconds `address` must wait before its next token; `nil` when it has one.
    func wait(_ address: String, at now: Date) -> TimeInterval? {
        table.withLock { table in
            guard var bucket = table.buckets[address] else { return nil }
            let wait = bucket.wait(limit, at: now)
            table.buckets[address] = bucket
            return wait
        }
    }

    /// Addresses remembered.
    var count: Int { table.withLock { $0.buckets.count } }

    private func tidy(_ table: inout Table, at now: Date) {
        table.buckets = table.buckets.filter { _, bucket in
            var refilled = bucket
            refilled.refill(limit, at: now)
            return refilled.tokens < limit.capacity
        }
        if table.buckets.count > Self.maximum {
            let newest = table.buckets.sorted { $0.value.updatedAt > $1.value.updatedAt }.prefix(Self.maximum / 2)
            table.buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
        // Tidying again only once the table has grown as much again: linear work overall.
        table.nextTidy = max(Self.tidyAt, table.buckets.count * 2)
    }
}
