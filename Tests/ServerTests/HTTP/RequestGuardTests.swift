import Testing

@testable import Server

/// The request guard's rules, event by event, without a network.
@Suite("Request guard")
struct RequestGuardTests {
    let second: UInt64 = 1_000_000_000
    static let timeouts = RequestTimeouts(idleTimeout: 75, bodyGracePeriod: 20, minimumBodyRate: 500)

    @Test func aBodyWithinItsLimitPassesAndTheConnectionStays() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        #expect(machine.head(limit: 100, contentLength: 100, now: 0) == .forward)
        #expect(machine.body(bytes: 60) == .forward)
        #expect(machine.body(bytes: 40) == .forward)
        #expect(machine.end() == .forward)
        #expect(machine.responseEnded() == .none)
        #expect(machine.phase == .waiting)
    }

    @Test func aDeclaredLengthOverTheLimitIsNeverPassedOnAndTheConnectionCloses() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        #expect(machine.head(limit: 100, contentLength: 1_000_000_000, now: 0) == .forward, "the head goes on: the middleware answers 413")
        #expect(machine.responseEnded() == .close, "the 413 is written; the rest is not read")
    }

    @Test func bytesSentAnywayAfterADeclaredLengthOverTheLimitFailTheBodyOnce() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 100, contentLength: 5_000, now: 0)
        #expect(machine.body(bytes: 10) == .fail(.tooLarge(limit: 100)))
        #expect(machine.body(bytes: 10) == .drop)
        #expect(machine.end() == .drop)
        #expect(machine.responseEnded() == .close)
    }

    @Test func aChunkedBodyIsCutOffWhereItPassesTheLimit() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 100, contentLength: nil, now: 0)
        #expect(machine.body(bytes: 100) == .forward)
        #expect(machine.body(bytes: 1) == .fail(.tooLarge(limit: 100)))
        for _ in 0..<1000 { #expect(machine.body(bytes: 65_536) == .drop) }
        #expect(machine.responseEnded() == .close)
    }

    @Test func aBodyPassingItsLimitAfterTheAnswerClosesAtOnce() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 100, contentLength: nil, now: 0)
        #expect(machine.responseEnded() == .none, "answered early (a 401, say): the body within its limit is read to its end")
        #expect(machine.body(bytes: 101) == .failAndClose(.tooLarge(limit: 100)))
    }

    @Test func anEarlyAnswerToABodyWithinItsLimitKeepsTheConnection() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 100, contentLength: 50, now: 0)
        #expect(machine.responseEnded() == .none)
        #expect(machine.body(bytes: 50) == .forward)
        #expect(machine.end() == .forward)
    }

    @Test func aTricklingBodyIsCutOffAfterTheGracePeriod() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 10_000, contentLength: nil, now: 0)
        var cutAt: UInt64?
        for second in 1...60 {
            _ = machine.body(bytes: 1)
            if case .failAndClose(.tooSlow) = machine.tick(now: UInt64(second) * self.second) {
                cutAt = UInt64(second)
                break
            }
        }
        #expect(cutAt == 21, "20 s of grace, then one byte a second is far below 500 bytes a second")
        #expect(machine.body(bytes: 1) == .drop)
    }

    @Test func aSlowButSteadyBodyKeepsGoing() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 10_000_000, contentLength: nil, now: 0)
        for second in 1...600 {
            _ = machine.body(bytes: 600)
            #expect(machine.tick(now: UInt64(second) * self.second) == .none, "600 bytes a second is above the minimum")
        }
    }

    @Test func noBodyNoClock() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 0, contentLength: nil, now: 0)
        #expect(machine.end() == .forward)
        #expect(!machine.isReadingBody)
        #expect(machine.tick(now: 3600 * second) == .none)
    }

    @Test func pipelinedRequestsCloseOnlyWithTheAnswerToTheCutOffOne() {
        var machine = RequestGuard(timeouts: Self.timeouts)
        _ = machine.head(limit: 0, contentLength: nil, now: 0)
        _ = machine.end()
        _ = machine.head(limit: 10, contentLength: 1_000, now: 0)
        #expect(machine.responseEnded() == .none, "the answer to the first request")
        #expect(machine.responseEnded() == .close, "the answer to the second, cut-off one")
    }
}
