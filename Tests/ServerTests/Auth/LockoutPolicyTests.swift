import Foundation
import Testing

@testable import Server

/// Progressive lock-outs and per-address buckets, without a clock or a network.
@Suite("Sign-in lock-outs")
struct LockoutPolicyTests {
    let policy = LockoutPolicy()
    let start = Date(timeIntervalSince1970: 1_795_402_800)

    @Test func everyFiveWrongCodesLockLongerEachTime() {
        var state: LockoutState?
        var at = start
        var locks: [TimeInterval] = []
        for _ in 1...40 {
            if let until = policy.lockedUntil(state, at: at) { at = until }
            state = policy.afterFailure(state, at: at)
            if let until = policy.lockedUntil(state, at: at) { locks.append(until.timeIntervalSince(at)) }
        }
        #expect(locks == [60, 300, 900, 3600, 14_400, 86_400, 86_400, 86_400])
    }

    @Test func aGuesserGetsThirtyGuessesTheFirstDayAndFiveADayAfter() {
        // Guesses whenever it may, as fast as it may (one a second), for a week.
        var state: LockoutState?
        var at = start
        var perDay = [Int](repeating: 0, count: 7)
        while at < start.addingTimeInterval(7 * 86_400) {
            if let until = policy.lockedUntil(state, at: at) {
                at = until
                continue
            }
            perDay[Int(at.timeIntervalSince(start) / 86_400)] += 1
            state = policy.afterFailure(state, at: at)
            at = at.addingTimeInterval(1)
        }
        #expect(perDay[0] == 30, "\(perDay)")
        #expect(perDay.dropFirst().allSatisfy { $0 <= 5 }, "\(perDay): the count is never forgotten while it keeps guessing")
        #expect(perDay.reduce(0, +) < 70, "instead of about 2,400 a day")
    }

    @Test func aQuietDayForgetsTheCount() {
        var state: LockoutState?
        for _ in 1...4 { state = policy.afterFailure(state, at: start) }
        state = policy.afterFailure(state, at: start.addingTimeInterval(86_400))
        #expect(state?.failures == 1)
        #expect(policy.lockedUntil(state, at: start.addingTimeInterval(86_400)) == nil)
    }

    @Test func aBucketAllowsABurstThenAPace() {
        let limit = RateLimit(capacity: 3, per: 30)
        var bucket = TokenBucket(tokens: 3, updatedAt: start)
        #expect((0..<3).allSatisfy { _ in bucket.take(limit, at: start) == nil })
        #expect(bucket.take(limit, at: start) == 10, "one token back every 10 seconds")
        #expect(bucket.take(limit, at: start.addingTimeInterval(10)) == nil)
        #expect(bucket.wait(limit, at: start.addingTimeInterval(15)) == 5)
    }

    @Test func anAddressSprayCostsBoundedMemory() {
        let limiter = AddressLimiter(RateLimit(capacity: 5, per: 60))
        for index in 0..<(AddressLimiter.maximum * 3) {
            _ = limiter.take("10.\(index / 65_536).\(index / 256 % 256).\(index % 256)", at: start)
        }
        #expect(limiter.count <= AddressLimiter.maximum, "\(limiter.count) addresses remembered after a spray of 150,000")
        #expect(limiter.take("10.0.0.1", at: start) == nil, "a forgotten address starts again with a full bucket")
    }

    @Test func theClientIsThePeerUnlessThePeerIsATrustedProxy() {
        let proxies: Set = ["10.0.0.5"]
        #expect(ClientAddress.of(peer: "203.0.113.7", forwardedFor: "198.51.100.1", trustedProxies: proxies) == "203.0.113.7")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: "198.51.100.1, 203.0.113.9", trustedProxies: proxies) == "203.0.113.9")
        #expect(ClientAddress.of(peer: "10.0.0.5", forwardedFor: nil, trustedProxies: proxies) == "10.0.0.5")
        #expect(ClientAddress.of(peer: nil, forwardedFor: "198.51.100.1", trustedProxies: proxies) == nil)
    }
}
