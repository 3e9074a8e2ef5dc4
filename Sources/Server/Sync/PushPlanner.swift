import Foundation
import Models
import Sync

/// Plans the effect of a push without I/O: given the bucket as loaded, the device's counter
/// and the stored results of replays, it decides every mutation's outcome and the records to
/// write. The caller commits the plan in one transaction, or re-plans if the bucket moved.
struct PushPlanner {
    struct Plan {
        var results: [MutationResult]
        /// Final states of the records that changed, in the order they first changed.
        var writes: [SyncRecord]
        var newLastCounter: Int64
        var acceptedCount: Int
    }

    enum Failure: Error, Equatable {
        /// The first new mutation does not follow the last applied one.
        case counterGap(expected: Int64)
        /// Mutations in the request are not in increasing counter order or name another device.
        case malformedBatch(String)
    }

    let bucket: BucketID
    let deviceID: String
    let lastCounter: Int64
    let stored: [Int64: MutationResult]
    /// Keys of the batch that belong to another bucket: never readable or writable here.
    let foreignKeys: Set<RecordKey>
    /// Decides the batch's intents; `nil` for a batch that holds none (``SyncService`` reads
    /// the participant's branch for the handler only when a batch needs it).
    let intents: IntentHandler?

    func plan(
        _ mutations: [Mutation],
        records: [RecordKey: SyncRecord],
        clock: inout HybridLogicalClock,
        physicalMillis: Int64
    ) throws(Failure)
        -> Plan
    {
        var records = records
        var changedOrder: [RecordKey] = []
        var results: [MutationResult] = []
        var last = lastCounter
        var accepted = 0
        var previous: Int64 = .min
        for sent in mutations {
            guard sent.deviceID == deviceID else { throw .malformedBatch("every mutation must come from the pushing device") }
            guard sent.counter >= 1 else { throw .malformedBatch("a device's counters start at 1") }
            guard sent.counter > previous else { throw .malformedBatch("mutations must be in increasing counter order") }
            previous = sent.counter
            if sent.counter <= last {
                // A replay: answer what was answered the first time; change nothing.
                results.append(Self.replay(sent, stored: stored[sent.counter]))
                continue
            }
            guard sent.counter == last + 1 else { throw .counterGap(expected: last + 1) }
            last = sent.counter
            guard let mutation = sent.canonical else {
                let rejection =
                    RecordSchemas.schema(for: sent.record.type) == nil
                    ? Rejection(code: "record.unknownType", message: "There is no record type '\(sent.record.type)'.")
                    : Rejection(code: "record.idFormat", message: "A \(sent.record.type)'s id is a UUID.")
                results.append(MutationResult(mutationID: sent.id, counter: sent.counter, outcome: .rejected(rejection)))
                continue
            }
            let outcome = apply(mutation, to: &records, changed: &changedOrder, clock: &clock, physicalMillis: physicalMillis)
            if outcome.isAccepted { accepted += 1 }
            let record: SyncRecord? =
                switch outcome {
                case .applied: nil
                case .merged, .rejected: records[mutation.record]
                }
            results.append(MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: outcome, record: record))
        }
        return Plan(results: results, writes: changedOrder.compactMap { records[$0] }, newLastCounter: last, acceptedCount: accepted)
    }

    /// The answer to a replayed counter: the stored result when it is the same mutation, and a
    /// refusal when the device reused the counter for another change (nothing of it is applied).
    static func replay(_ mutation: Mutation, stored: MutationResult?) -> MutationResult {
        if let stored, stored.mutationID == mutation.id { return stored }
        let rejection =
            stored == nil
            ? Rejection(code: "mutation.replayUnknown", message: "The server has no answer stored for counter \(mutation.counter).")
            : Rejection(
                code: "mutation.counterReused",
                message:
                    "Counter \(mutation.counter) of this device was already used by another change. Renumber the pending changes after the last one the server answered."
            )
        return MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: .rejected(rejection))
    }

    func apply(
        _ mutation: Mutation,
        to records: inout [RecordKey: SyncRecord],
        changed: inout [RecordKey],
        clock: inout HybridLogicalClock,
        physicalMillis: Int64
    ) -> MutationOutcome {
        do {
            _ = try clock.receive(mutation.clock, physicalMillis: physicalMillis)
        } catch {
            return .rejected(
                Rejection(
                    code: "clock.skew",
                    message:
                        "This phone's clock is ahead of the server's by more than \(clock.maxSkewMillis / 60_000) minutes. Set the date and time to automatic and try again."
                )
            )
        }
        if foreignKeys.contains(mutation.record) {
            return .rejected(Rejection(code: "record.idTaken", message: "This record id is not available; create the record again."))
        }
        var working = records
        var touched: [RecordKey] = []
        var outcome = MutationOutcome.applied
        func write(_ key: RecordKey, _ operation: RecordOperation, writer: Merge.Writer, at writeClock: HLCTimestamp) throws(Rejection) {
            guard let schema = RecordSchemas.schema(for: key.type) else {
                throw Rejection(code: "record.unknownType", message: "There is no record type '\(key.type)'.")
            }
            switch Merge.apply(
                operation,
                to: working[key],
                key: key,
                schema: schema,
                clock: writeClock,
                tag: mutation.id.uuidString,
                writer: writer
            ) {
            case .success(let applied):
                working[key] = applied.record
                if !touched.contains(key) { touched.append(key) }
                if case .merged = applied.outcome, writer == .client { outcome = applied.outcome }
            case .failure(let rejection):
                throw rejection
            }
        }
        do throws(Rejection) {
            if case .intent(let intent) = mutation.operation {
                guard let intents else { preconditionFailure("a batch holding an intent is planned with an intent handler") }
                let effects = try intents.handle(intent, mutation: mutation, records: working)
                for effect in effects {
                    guard effect.key == mutation.record || working[effect.key] != nil || effect.derived else {
                        throw Rejection(code: "intent.invalidTarget", message: "An action changes the record it names.")
                    }
                    try write(effect.key, effect.operation, writer: .server, at: clock.tick(physicalMillis: physicalMillis))
                }
            } else {
                try write(mutation.record, mutation.operation, writer: .client, at: mutation.clock)
            }
        } catch {
            return .rejected(error)
        }
        records = working
        for key in touched where !changed.contains(key) { changed.append(key) }
        return outcome
    }
}
