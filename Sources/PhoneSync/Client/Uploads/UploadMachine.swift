import Foundation
import Sync

/// One document's resumable upload as a value-type state machine: events in, actions out, no
/// I/O. A driver (``DocumentUploader``, or a simulator) performs each ``Action`` and feeds its
/// outcome back as an ``Event``.
///
/// The server's offset is the truth: after anything but a confirmed chunk (an app restart, a
/// lost connection, a refused offset) the machine asks for it before sending again, so it
/// continues exactly where the server's bytes end. It never gives up on a document for a
/// transient fault; after ``maxConsecutiveFailures`` in a row it pauses until started again.
public struct UploadMachine: Hashable, Sendable {
    /// The most failures in a row before the machine pauses.
    public static let maxConsecutiveFailures = 8

    /// Where the upload is.
    public enum State: Hashable, Sendable {
        /// Not started (or paused).
        case idle
        case creating
        case askingOffset
        case sending(offset: Int64, length: Int)
        case refreshingToken
        case waitingToRetry
        /// The server has every byte.
        case finished(uploadID: UUID)
        /// The server refused the file for good.
        case failed(Rejection)
    }

    /// What the driver does next.
    public enum Action: Hashable, Sendable {
        /// Create the upload (`POST`).
        case create
        /// Ask the server's offset (`HEAD`).
        case askOffset(location: String)
        /// Send bytes `offset ..< offset + length` (`PATCH`).
        case send(location: String, offset: Int64, length: Int)
        /// Refresh the access token.
        case refreshToken
        /// Wait, then feed ``Event/retryTimerFired``.
        case wait(seconds: Double)
        /// Every byte is on the server: release the attach mutation.
        case finish(uploadID: UUID)
        /// The file is refused for good: drop the attach mutation, tell the participant.
        case fail(Rejection)
        /// Too many failures in a row: stop for now (the bytes stay queued).
        case pause(reason: String)
        /// Nothing to do.
        case idle
    }

    /// What happened.
    public enum Event: Hashable, Sendable {
        case start
        case created(location: String)
        case offsetReported(Int64)
        case chunkAccepted(offset: Int64)
        case failed(UploadTransportError)
        case tokenRefreshed
        case tokenRefreshFailed
        case retryTimerFired
    }

    /// The file's size.
    public let byteCount: Int64
    /// The most bytes one `PATCH` carries.
    public let chunkSize: Int
    /// Where the upload is.
    public private(set) var state: State = .idle
    /// The upload's URL once created.
    public private(set) var location: String?
    /// The bytes the server confirmed.
    public private(set) var offset: Int64
    /// Faults in a row; past the limit the machine pauses.
    public private(set) var consecutiveFailures = 0
    private var backoff: RetryBackoff

    /// A machine for a document of `byteCount` bytes, with its upload URL if one was created
    /// before (an app restart).
    public init(
        byteCount: Int64,
        chunkSize: Int = 256 * 1024,
        location: String? = nil,
        confirmedOffset: Int64 = 0,
        backoff: RetryBackoff = RetryBackoff()
    ) {
        self.byteCount = byteCount
        self.chunkSize = max(chunkSize, 1)
        self.location = location
        self.offset = confirmedOffset
        self.backoff = backoff
    }

    /// Takes one event and returns what to do next.
    public mutating func handle(_ event: Event) -> Action {
        switch event {
        case .start:
            switch state {
            case .finished, .failed: return .idle
            default:
                consecutiveFailures = 0
                return resume()
            }
        case .created(let newLocation):
            guard state == .creating else { return .idle }
            location = newLocation
            offset = 0
            return send(from: 0)
        case .offsetReported(let reported):
            guard state == .askingOffset else { return .idle }
            guard (0...byteCount).contains(reported) else {
                return fail(Rejection(code: "upload.offsetInvalid", message: "The server reported an impossible offset; upload again."))
            }
            offset = reported
            return send(from: reported)
        case .chunkAccepted(let reached):
            guard case .sending(let from, let length) = state else { return .idle }
            guard reached > from, reached <= from + Int64(length) else {
                return failed(.transient("The server kept no byte of the chunk."))
            }
            offset = reached
            consecutiveFailures = 0
            return send(from: reached)
        case .failed(let error):
            switch state {
            case .creating, .askingOffset, .sending: return failed(error)
            default: return .idle
            }
        case .tokenRefreshed:
            guard state == .refreshingToken else { return .idle }
            return resume()
        case .tokenRefreshFailed:
            guard state == .refreshingToken else { return .idle }
            return scheduleRetry()
        case .retryTimerFired:
            guard state == .waitingToRetry else { return .idle }
            return resume()
        }
    }

    /// Creates the upload, or asks how far it got.
    private mutating func resume() -> Action {
        guard let location else {
            state = .creating
            return .create
        }
        state = .askingOffset
        return .askOffset(location: location)
    }

    private mutating func send(from start: Int64) -> Action {
        guard let location else { return resume() }
        if start >= byteCount {
            guard let id = Self.uploadID(in: location) else {
                return fail(Rejection(code: "upload.locationInvalid", message: "The server gave an unusable upload address; upload again."))
            }
            state = .finished(uploadID: id)
            return .finish(uploadID: id)
        }
        let length = Int(min(Int64(chunkSize), byteCount - start))
        state = .sending(offset: start, length: length)
        return .send(location: location, offset: start, length: length)
    }

    private mutating func failed(_ error: UploadTransportError) -> Action {
        switch error {
        case .refused(let rejection):
            return fail(rejection)
        case .unauthorized:
            consecutiveFailures += 1
            if consecutiveFailures > Self.maxConsecutiveFailures { return pause("The server keeps refusing the sign-in.") }
            state = .refreshingToken
            return .refreshToken
        case .gone:
            // Expired or unknown: start a new upload from the first byte.
            location = nil
            offset = 0
            consecutiveFailures += 1
            if consecutiveFailures > Self.maxConsecutiveFailures { return pause("The upload keeps disappearing.") }
            return resume()
        case .offsetConflict, .checksumMismatch:
            consecutiveFailures += 1
            if consecutiveFailures > Self.maxConsecutiveFailures { return pause("The server keeps refusing the chunks.") }
            return resume()
        case .transient:
            return scheduleRetry()
        }
    }

    private mutating func scheduleRetry() -> Action {
        consecutiveFailures += 1
        if consecutiveFailures > Self.maxConsecutiveFailures { return pause("The network or the server keeps failing.") }
        state = .waitingToRetry
        return .wait(seconds: backoff.delay(attempt: consecutiveFailures))
    }

    private mutating func pause(_ reason: String) -> Action {
        state = .idle
        return .pause(reason: reason)
    }

    private mutating func fail(_ rejection: Rejection) -> Action {
        state = .failed(rejection)
        return .fail(rejection)
    }

    /// The upload id in a URL such as `/v1/uploads/{id}` (its last path component).
    public static func uploadID(in location: String) -> UUID? {
        let path = location.split(separator: "?").first.map(String.init) ?? location
        return path.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
    }
}
