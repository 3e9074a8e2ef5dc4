import Foundation
import Models
import PhoneSync
import Sync
import Synchronization

/// A tiny in-memory sync server: records, a change log, per-device counters and stored
/// results (a replay gets the stored result: exactly once). Non-intent operations go through
/// the shared merge as a client's write; `createClaimDraft` is carried out as the phone
/// predicts it.
final class FakeSyncServer: SyncTransport {
    /// A fault for the next push.
    enum Fault {
        /// Fail before doing anything.
        case fail(SyncTransportError)
        /// Apply the push, then lose the response.
        case loseResponse
    }

    struct State {
        var records: [RecordKey: SyncRecord] = [:]
        var log: [Change] = []
        var lastCounter: [String: Int64] = [:]
        var results: [String: [Int64: MutationResult]] = [:]
        /// Every mutation applied, in order (replays excluded).
        var applied: [UUID] = []
        var replays = 0
        var validTokens: Set<String> = ["token-1"]
        var pushFaults: [Fault] = []
        var pullFaults: [SyncTransportError] = []
        /// A pull after a cursor in `1..<retainedFrom` is answered with a reset (the log before
        /// it was compacted); a pull from zero then gets a snapshot.
        var retainedFrom: Int64 = 0
        var clock = HybridLogicalClock(node: "server")
    }

    let schemas: SchemaCatalog
    let state = Mutex(State())

    init(schemas: SchemaCatalog = .standard) { self.schemas = schemas }

    var records: [RecordKey: SyncRecord] { state.withLock { $0.records } }
    var applied: [UUID] { state.withLock { $0.applied } }
    var replays: Int { state.withLock { $0.replays } }
    var cursor: SyncCursor { SyncCursor(position: state.withLock { $0.log.last?.seq ?? 0 }) }

    func record(_ key: RecordKey) -> SyncRecord? { state.withLock { $0.records[key] } }

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    /// An office write (writer `.server`) at wall-clock `millis`.
    func officeUpdate(_ key: RecordKey, fields: [String: JSONValue], millis: Int64) throws {
        try state.withLock { state in
            let clock = state.clock.tick(physicalMillis: millis)
            guard let schema = schemas[key.type] else { throw Rejection(code: "record.unknownType", message: key.type) }
            let applied = try Merge.apply(
                .update(fields: fields),
                to: state.records[key],
                key: key,
                schema: schema,
                clock: clock,
                tag: "office",
                writer: .server
            ).get()
            Self.store(applied.record, in: &state)
        }
    }

    func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse { try pushNow(request, accessToken: accessToken) }

    func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse {
        try pullNow(cursor: cursor, limit: limit, accessToken: accessToken)
    }

    func pushNow(_ request: PushRequest, accessToken: String) throws(SyncTransportError) -> PushResponse {
        try state.withLock { (state) throws(SyncTransportError) -> PushResponse in
            guard state.validTokens.contains(accessToken) else { throw .unauthorized }
            var loseResponse = false
            if !state.pushFaults.isEmpty {
                switch state.pushFaults.removeFirst() {
                case .fail(let error): throw error
                case .loseResponse: loseResponse = true
                }
            }
            var results: [MutationResult] = []
            for mutation in request.mutations {
                let last = state.lastCounter[request.deviceID] ?? 0
                if mutation.counter <= last {
                    guard let stored = state.results[request.deviceID]?[mutation.counter], stored.mutationID == mutation.id else {
                        throw .counterGap(expected: last + 1)
                    }
                    state.replays += 1
                    results.append(stored)
                    continue
                }
                guard mutation.counter == last + 1 else { throw .counterGap(expected: last + 1) }
                let result = apply(mutation, &state)
                state.results[request.deviceID, default: [:]][mutation.counter] = result
                state.lastCounter[request.deviceID] = mutation.counter
                state.applied.append(mutation.id)
                results.append(result)
            }
            if loseResponse { throw .transient("connection lost") }
            return PushResponse(results: results)
        }
    }

    func pullNow(cursor token: SyncCursor, limit: Int, accessToken: String) throws(SyncTransportError) -> PullResponse {
        let cursor = token.position
        return try state.withLock { (state) throws(SyncTransportError) -> PullResponse in
            guard state.validTokens.contains(accessToken) else { throw .unauthorized }
            if !state.pullFaults.isEmpty { throw state.pullFaults.removeFirst() }
            let head = state.log.last?.seq ?? 0
            if cursor > 0, cursor < state.retainedFrom {
                return PullResponse(changes: [], cursor: SyncCursor(position: head), hasMore: false, reset: true)
            }
            if cursor == 0, state.retainedFrom > 0 {
                // After compaction a pull from zero gets a snapshot of every record, at once.
                var latest: [RecordKey: Change] = [:]
                for change in state.log { latest[change.record.key] = change }
                return PullResponse(changes: latest.values.sorted { $0.seq < $1.seq }, cursor: SyncCursor(position: head), hasMore: false)
            }
            let after = state.log.filter { $0.seq > cursor }
            let page = Array(after.prefix(limit))
            return PullResponse(changes: page, cursor: SyncCursor(position: page.last?.seq ?? cursor), hasMore: after.count > page.count)
        }
    }

    private func apply(_ mutation: Mutation, _ state: inout State) -> MutationResult {
        let current = state.records[mutation.record]
        guard let schema = schemas[mutation.record.type] else {
            return MutationResult(
                mutationID: mutation.id,
                counter: mutation.counter,
                outcome: .rejected(Rejection(code: "record.unknownType", message: "?"))
            )
        }
        let outcome: Result<(record: SyncRecord, outcome: MutationOutcome), Rejection>
        if case .intent(let intent) = mutation.operation {
            let predicted = IntentPredictor.predict(intent, on: current, mutation: mutation, schema: schema)
            if let predicted, predicted != current {
                outcome = .success((predicted, .applied))
            } else {
                outcome = .failure(Rejection(code: "intent.refused", message: "The action \(intent.name.rawValue) was refused."))
            }
        } else {
            outcome = Merge.apply(
                mutation.operation,
                to: current,
                key: mutation.record,
                schema: schema,
                clock: mutation.clock,
                tag: mutation.id.uuidString,
                writer: .client
            ).map { ($0.record, $0.outcome) }
        }
        switch outcome {
        case .success(let applied):
            Self.store(applied.record, in: &state)
            // Like the real server: the record comes back only when the phone's write did not
            // stand as sent.
            let record = applied.outcome == .applied ? nil : applied.record
            return MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: applied.outcome, record: record)
        case .failure(let rejection):
            return MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: .rejected(rejection), record: current)
        }
    }

    private static func store(_ record: SyncRecord, in state: inout State) {
        state.records[record.key] = record
        state.log.append(Change(seq: (state.log.last?.seq ?? 0) + 1, record: record))
    }
}
