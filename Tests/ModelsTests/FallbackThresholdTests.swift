import Foundation
import Models
import Testing

@Suite("Fallback threshold")
struct FallbackThresholdTests {
    let policy = BiometricPolicy(failuresBeforeFallback: 3, windowSeconds: 3600, attemptsPerDay: 10)
    let start = utc("2026-11-23T02:00:00Z")

    func attempt(_ minute: Int, _ reason: BiometricAttempt.FailureReason? = .lowLight, id: Int) -> BiometricAttempt {
        BiometricAttempt(
            id: .init(UUID(uuidString: String(format: "BBBBBBBB-0000-0000-0000-%012d", id))!),
            participantID: Fixtures.participantID,
            claimID: Fixtures.claimID,
            result: reason == nil ? .passed : .failed,
            failureReason: reason,
            livenessScore: reason == nil ? 0.95 : 0.2,
            deviceID: "device-0001",
            attemptedAt: start.addingTimeInterval(TimeInterval(minute * 60))
        )
    }

    @Test func threeFailuresWithinTheWindowCallForFallback() {
        let attempts = [attempt(0, .lowLight, id: 1), attempt(5, .faceAngle, id: 2), attempt(9, .motion, id: 3)]
        #expect(policy.callsForFallback(attempts))
        #expect(!policy.callsForFallback(attempts.prefix(2)), "two failures are not enough")
        #expect(!policy.callsForFallback([]))
    }

    @Test func failuresSpreadWiderThanTheWindowDoNotCount() {
        let attempts = [attempt(0, id: 1), attempt(40, id: 2), attempt(61, id: 3)]
        #expect(!policy.callsForFallback(attempts), "first to third is 61 minutes apart")
        #expect(policy.callsForFallback(attempts + [attempt(70, id: 4)]), "second to fourth is within the hour")
    }

    @Test func aPassedAttemptBreaksTheRow() {
        let attempts = [attempt(0, id: 1), attempt(1, id: 2), attempt(2, nil, id: 3), attempt(3, id: 4)]
        #expect(!policy.callsForFallback(attempts))
        #expect(!policy.callsForFallback(attempts + [attempt(4, .noMatch, id: 5)]), "two failures after the pass")
        #expect(policy.callsForFallback(attempts + [attempt(4, .noMatch, id: 5), attempt(5, id: 6)]), "three failures after the pass")
    }

    @Test func theThresholdIsConfiguration() {
        let five = BiometricPolicy(failuresBeforeFallback: 5, windowSeconds: 3600, attemptsPerDay: 10)
        let four = (1...4).map { attempt($0, id: $0) }
        #expect(policy.callsForFallback(four))
        #expect(!five.callsForFallback(four))
        #expect(five.callsForFallback(four + [attempt(5, id: 5)]))
    }

    @Test func theSameAttemptReportedTwiceCountsOnce() {
        let one = attempt(0, id: 1)
        let two = attempt(1, id: 2)
        #expect(!policy.callsForFallback([one, one, two, two, one]))
    }

    /// Whatever order the reports arrive in, and however often one is replayed, the decision
    /// is the same: it depends on the set of attempts only.
    @Test(arguments: 0..<50)
    func anyArrivalOrderReachesTheSameDecision(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let pool: [BiometricAttempt] = (0..<8).map { index in
            let passed = Int.random(in: 0..<4, using: &generator) == 0
            return attempt(Int.random(in: 0..<90, using: &generator), passed ? nil : .faceCovered, id: index + 1)
        }
        let expected = policy.callsForFallback(pool)
        for _ in 0..<20 {
            var arrivals = pool + pool.prefix(Int.random(in: 0...3, using: &generator))
            arrivals.shuffle(using: &generator)
            #expect(policy.callsForFallback(arrivals) == expected)
        }
    }
}

/// A small deterministic generator (SplitMix64) so shuffles repeat.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
