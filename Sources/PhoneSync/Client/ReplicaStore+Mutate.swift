import Foundation
import GRDB
import Sync

extension ReplicaStore {
    /// Writes locally first: in one transaction, assigns the next counter, ticks the hybrid
    /// logical clock, checks the write with the shared merge and appends it to the outbox.
    ///
    /// The local view shows the change at once. Intents are not checked locally (the server
    /// re-runs them); ``IntentPredictor`` shows what it can of them.
    ///
    /// - Parameters:
    ///   - key: the record to change.
    ///   - operation: what to do to it.
    ///   - id: the mutation id (inject one for a deterministic simulator).
    /// - Returns: the mutation as stored in the outbox.
    /// - Throws: a `Rejection` if the merge refuses the write (a server-owned field, a
    ///   locked claim, an unknown record type); then nothing is stored.
    @discardableResult
    public func mutate(record key: RecordKey, operation: Sync.Operation, id: UUID = UUID()) throws -> Mutation {
        try writer.write { db in
            guard let schema = schemas[key.type] else {
                throw Rejection(code: "record.unknownType", message: "Records of type '\(key.type)' cannot be changed on the phone.")
            }
            var meta = try ReplicaMeta.require(db)
            var clock = meta.hybridLogicalClock
            let stamp = clock.tick(physicalMillis: wallClock())
            let mutation = Mutation(id: id, deviceID: deviceID, counter: meta.nextCounter, clock: stamp, record: key, operation: operation)
            if case .intent(let intent) = operation {
                // The server re-runs the intent and decides; an intent of the wrong shape would
                // have it refuse the whole push holding it, so it never enters the outbox.
                try IntentCall.checkShape(intent)
            } else {
                let current = try localView(key, db)
                let applied = Merge.apply(
                    operation,
                    to: current,
                    key: key,
                    schema: schema,
                    clock: stamp,
                    tag: mutation.id.uuidString,
                    writer: .client
                )
                if case .failure(let rejection) = applied { throw rejection }
            }
            try Self.insert(mutation, state: .pending, db)
            meta.nextCounter += 1
            meta.clock = stamp
            try meta.save(db)
            return mutation
        }
    }
}
