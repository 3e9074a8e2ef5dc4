import Foundation
import Models
import PhoneSync
import Sync
import Testing

/// The upload state machine, event by event, without I/O.
@Suite("Upload machine")
struct UploadMachineTests {
    static let location = "/v1/uploads/0b0b0b0b-0000-4000-8000-000000000001"
    static let id = UUID(uuidString: "0B0B0B0B-0000-4000-8000-000000000001")!

    func machine(_ byteCount: Int64 = 1_000, location: String? = nil, offset: Int64 = 0) -> UploadMachine {
        UploadMachine(
            byteCount: byteCount,
            chunkSize: 400,
            location: location,
            confirmedOffset: offset,
            backoff: RetryBackoff(jitter: 0, seed: 1)
        )
    }

    @Test func aFreshUploadIsCreatedThenSentInChunksThenFinished() {
        var machine = machine()
        #expect(machine.handle(.start) == .create)
        #expect(machine.handle(.created(location: Self.location)) == .send(location: Self.location, offset: 0, length: 400))
        #expect(machine.handle(.chunkAccepted(offset: 400)) == .send(location: Self.location, offset: 400, length: 400))
        #expect(machine.handle(.chunkAccepted(offset: 800)) == .send(location: Self.location, offset: 800, length: 200))
        #expect(machine.handle(.chunkAccepted(offset: 1_000)) == .finish(uploadID: Self.id))
        #expect(machine.state == .finished(uploadID: Self.id))
        #expect(machine.handle(.start) == .idle, "a finished upload stays finished")
    }

    @Test func aResumedUploadAsksTheServerFirstAndContinuesThere() {
        var machine = machine(location: Self.location, offset: 800)
        #expect(machine.handle(.start) == .askOffset(location: Self.location), "the local offset is not trusted")
        #expect(machine.handle(.offsetReported(555)) == .send(location: Self.location, offset: 555, length: 400))
        #expect(machine.handle(.chunkAccepted(offset: 955)) == .send(location: Self.location, offset: 955, length: 45))
        // The server already had everything.
        var whole = self.machine(location: Self.location)
        _ = whole.handle(.start)
        #expect(whole.handle(.offsetReported(1_000)) == .finish(uploadID: Self.id))
    }

    @Test func aLostConnectionWaitsThenAsksTheOffsetNeverResendsBlindly() {
        var machine = machine()
        _ = machine.handle(.start)
        _ = machine.handle(.created(location: Self.location))
        #expect(machine.handle(.failed(.transient("reset"))) == .wait(seconds: 1))
        #expect(machine.handle(.retryTimerFired) == .askOffset(location: Self.location))
        #expect(machine.handle(.failed(.transient("reset"))) == .wait(seconds: 2))
        #expect(machine.handle(.retryTimerFired) == .askOffset(location: Self.location))
        #expect(machine.handle(.offsetReported(123)) == .send(location: Self.location, offset: 123, length: 400))
        #expect(machine.handle(.chunkAccepted(offset: 523)) == .send(location: Self.location, offset: 523, length: 400))
        #expect(machine.consecutiveFailures == 0, "progress resets the backoff")
    }

    @Test func conflictsAndDamagedChunksAskTheOffsetAnExpiredUploadStartsOver() {
        var machine = machine()
        _ = machine.handle(.start)
        _ = machine.handle(.created(location: Self.location))
        #expect(machine.handle(.failed(.checksumMismatch)) == .askOffset(location: Self.location))
        #expect(machine.handle(.offsetReported(0)) == .send(location: Self.location, offset: 0, length: 400))
        #expect(machine.handle(.failed(.offsetConflict)) == .askOffset(location: Self.location))
        #expect(machine.handle(.failed(.gone)) == .create)
        #expect(machine.location == nil)
        #expect(machine.offset == 0)
    }

    @Test func aRefusedFileFailsWithTheServersReason() {
        var machine = machine()
        _ = machine.handle(.start)
        let reason = Rejection(code: "upload.tooLarge", message: "A document may be at most 10 MB.")
        #expect(machine.handle(.failed(.refused(reason))) == .fail(reason))
        #expect(machine.state == .failed(reason))
        #expect(machine.handle(.start) == .idle)
    }

    @Test func anExpiredTokenIsRefreshedThenTheOffsetAsked() {
        var machine = machine(location: Self.location)
        _ = machine.handle(.start)
        #expect(machine.handle(.failed(.unauthorized)) == .refreshToken)
        #expect(machine.handle(.tokenRefreshed) == .askOffset(location: Self.location))
        #expect(machine.handle(.failed(.unauthorized)) == .refreshToken)
        #expect(machine.handle(.tokenRefreshFailed) == .wait(seconds: 4))
    }

    @Test func repeatedFailuresPauseAndAStartResumes() {
        var machine = machine(location: Self.location)
        var action = machine.handle(.start)
        var waits = 0
        while case .askOffset = action {
            action = machine.handle(.failed(.transient("down")))
            if case .wait = action {
                waits += 1
                action = machine.handle(.retryTimerFired)
            }
        }
        #expect(waits == UploadMachine.maxConsecutiveFailures)
        guard case .pause = action else {
            Issue.record("expected a pause, got \(action)")
            return
        }
        #expect(machine.handle(.start) == .askOffset(location: Self.location))
    }

    @Test func nonsenseFromTheServerIsNotBelieved() {
        var machine = machine(location: Self.location)
        _ = machine.handle(.start)
        guard case .fail(let rejection) = machine.handle(.offsetReported(5_000)) else {
            Issue.record("an offset past the end must fail")
            return
        }
        #expect(rejection.code == "upload.offsetInvalid")
        var stuck = self.machine(location: Self.location)
        _ = stuck.handle(.start)
        _ = stuck.handle(.offsetReported(100))
        #expect(stuck.handle(.chunkAccepted(offset: 100)) == .wait(seconds: 1), "a chunk that kept nothing is retried")
        #expect(stuck.handle(.created(location: "x")) == .idle, "events out of place change nothing")
    }

    @Test func theUploadIDIsTheLastPathComponent() {
        #expect(UploadMachine.uploadID(in: "http://127.0.0.1:8080" + Self.location) == Self.id)
        #expect(UploadMachine.uploadID(in: Self.location + "?x=1") == Self.id)
        #expect(UploadMachine.uploadID(in: "/v1/uploads/") == nil)
    }
}
