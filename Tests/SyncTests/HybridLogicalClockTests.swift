import Sync
import Testing

@Suite("Hybrid logical clock")
struct HybridLogicalClockTests {
    @Test func localTicksAreStrictlyIncreasingEvenWhenTheWallClockStandsStillOrGoesBack() {
        var clock = HybridLogicalClock(node: "phone-a")
        let a = clock.tick(physicalMillis: 1_000)
        let b = clock.tick(physicalMillis: 1_000)
        let c = clock.tick(physicalMillis: 900)
        let d = clock.tick(physicalMillis: 1_001)
        #expect(a < b)
        #expect(b < c)
        #expect(c < d)
        #expect(d == HLCTimestamp(millis: 1_001, counter: 0, node: "phone-a"))
    }

    @Test func receivingMovesPastTheRemoteTimestamp() throws {
        var clock = HybridLogicalClock(node: "server")
        let remote = HLCTimestamp(millis: 5_000, counter: 7, node: "phone-a")
        let merged = try clock.receive(remote, physicalMillis: 4_990)
        #expect(merged > remote)
        #expect(merged == HLCTimestamp(millis: 5_000, counter: 8, node: "server"))
        #expect(clock.tick(physicalMillis: 4_995) > merged)
    }

    @Test func remoteTooFarAheadIsRefused() {
        var clock = HybridLogicalClock(node: "server", maxSkewMillis: 60_000)
        let remote = HLCTimestamp(millis: 200_000, counter: 0, node: "phone-fast")
        #expect(throws: HybridLogicalClock.SkewError.self) { try clock.receive(remote, physicalMillis: 100_000) }
        #expect(clock.last.millis == 0)
    }

    @Test func nodeBreaksTies() {
        let a = HLCTimestamp(millis: 1, counter: 1, node: "a")
        let b = HLCTimestamp(millis: 1, counter: 1, node: "b")
        #expect(a < b)
        #expect(!(b < a))
    }
}
