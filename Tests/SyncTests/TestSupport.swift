import Foundation
import Models
import PhoneSync
import Sync
import Synchronization

/// A wall clock the test moves by hand.
final class ManualClock: Sendable {
    private let millis: Mutex<Int64>

    init(_ millis: Int64) { self.millis = Mutex(millis) }

    var now: Int64 { millis.withLock { $0 } }

    func set(_ value: Int64) { millis.withLock { $0 = value } }

    /// The clock as a replica's wall clock.
    var read: @Sendable () -> Int64 { { self.now } }
}

/// Claims and intents used across the tests.
enum Fixture {
    static let participantID = "9F1C2A3B-0000-4000-8000-000000000001"

    static func claimKey(_ id: String) -> RecordKey { RecordKey(type: "claim", id: id) }

    static func newClaimID() -> String { UUID().uuidString }

    /// `createClaimDraft` for a claim with this id.
    static func draftIntent(id: String, reason: String = "resignation") -> Sync.Operation {
        .intent(
            Intent(
                name: .createClaimDraft,
                arguments: [
                    "claimID": .string(id), "participantID": .string(participantID), "branchID": .string("BDG-SUCI"),
                    "reason": .string(reason),
                    "channel": .string("app"), "createdAt": .string("2026-03-01T01:00:00Z"),
                ]
            )
        )
    }

    /// The arguments of an `attachDocument` intent for a finished upload.
    static func attachArguments(documentID: String, uploadID: String = "0B0B0B0B-0000-4000-8000-000000000009") -> [String: JSONValue] {
        [
            "documentID": .string(documentID), "uploadID": .string(uploadID), "kind": .string("idCard"),
            "sha256": .string(String(repeating: "ab", count: 32)), "byteCount": .int(1_024), "contentType": .string("image/jpeg"),
        ]
    }

    /// The ids of the documents in a claim's `documents` value.
    static func documentIDs(_ documents: JSONValue?) -> [String] {
        guard case .array(let items)? = documents else { return [] }
        return items.compactMap { $0.objectValue?["id"]?.stringValue }
    }

    /// A claim record as the server would hold it, in `status`, with `taxNumber` written at
    /// `clock`.
    static func serverClaim(id: String, status: String, taxNumber: String, clock: HLCTimestamp) -> SyncRecord {
        SyncRecord(
            key: claimKey(id),
            fields: [
                "id": .register(.init(value: .string(id), clock: clock)),
                "status": .register(.init(value: .string(status), clock: clock)),
                "reason": .register(.init(value: .string("resignation"), clock: clock)),
                "taxNumber": .register(.init(value: .string(taxNumber), clock: clock)),
                "documents": .set([:]),
            ]
        )
    }
}

/// Token provider for the tests: hands out `token-1`, refreshes to `token-2`, `token-3`, ...
/// and can fail its next refreshes.
final class FakeTokens: TokenProvider {
    private struct State {
        var current = 1
        var refreshes = 0
        var failingRefreshes = 0
    }

    private let state = Mutex(State())

    init(failingRefreshes: Int = 0) { state.withLock { $0.failingRefreshes = failingRefreshes } }

    var refreshCount: Int { state.withLock { $0.refreshes } }

    func accessToken() async throws -> String { state.withLock { "token-\($0.current)" } }

    func refresh() async throws -> String { try refreshNow() }

    func refreshNow() throws -> String {
        try state.withLock { state in
            state.refreshes += 1
            if state.failingRefreshes > 0 {
                state.failingRefreshes -= 1
                throw SyncTransportError.transient("refresh endpoint down")
            }
            state.current += 1
            return "token-\(state.current)"
        }
    }
}

/// Records the delays `SyncClient.run()` sleeps through, without sleeping; throws (ending the
/// run) after `limit` sleeps.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    let limit: Int

    init(limit: Int = 50) { self.limit = limit }

    var recorded: [Double] { delays.withLock { $0 } }

    var sleep: @Sendable (Double) async throws -> Void {
        { seconds in
            let count = self.delays.withLock { delays in
                delays.append(seconds)
                return delays.count
            }
            if count > self.limit { throw CancellationError() }
        }
    }
}

/// The fake server's cursors are plain positions; tests write them as integers.
extension SyncCursor: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self.init(position: value) }

    init(position: Int64) { self.init(position == 0 ? "" : String(position)) }

    /// The fake server's position in the token.
    var position: Int64 { Int64(token) ?? 0 }
}

/// A valid tax number (NPWP) standing for `tag` in a test: 15 digits, distinct per tag.
func npwp(_ tag: String) -> String {
    var value: UInt64 = 14_695_981_039_346_656_037
    for byte in tag.utf8 { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }
    let digits = String(value % 1_000_000_000_000_000)
    return String(repeating: "0", count: 15 - digits.count) + digits
}
