import Foundation
import GRDB
import Sync

extension ReplicaStore {
    /// Starts a push: marks the outbox prefix (at most `limit` mutations, in counter order) in
    /// flight and returns it as a request; `nil` if the outbox is empty.
    ///
    /// The prefix includes entries already in flight: only one push is sent at a time, so
    /// those belong to a request whose answer was lost, and resending them is safe. It ends
    /// before the first entry held for an upload that has not completed.
    public func beginPush(limit: Int) throws -> PushRequest? {
        try writer.write { db in
            let entries = try Self.outboxEntries(
                db,
                sql: "SELECT mutation, state FROM outbox WHERE counter < \(Self.firstHeldCounter) ORDER BY counter LIMIT ?",
                arguments: [limit]
            )
            guard let last = entries.last else { return nil }
            try db.execute(sql: "UPDATE outbox SET state = 'inFlight' WHERE counter <= ?", arguments: [last.mutation.counter])
            return PushRequest(deviceID: deviceID, mutations: entries.map(\.mutation))
        }
    }

    /// Handles a push response in one transaction.
    ///
    /// Each result is matched to its outbox entry by mutation id and counter; matched entries
    /// leave the outbox, and a rejected one is stored with the server's record to be shown
    /// (never retried). The server's records in the results join the local copies. Entries the
    /// response did not answer become pending again.
    @discardableResult
    public func applyPush(_ response: PushResponse) throws -> PushApplication {
        try writer.write { db in
            var meta = try ReplicaMeta.require(db)
            var acknowledged = 0
            var rejected = 0
            var records: [SyncRecord] = []
            for result in response.results {
                guard
                    let text = try String.fetchOne(
                        db,
                        sql: "SELECT mutation FROM outbox WHERE counter = ? AND mutationID = ?",
                        arguments: [result.counter, result.mutationID.uuidString]
                    )
                else { continue }
                try db.execute(sql: "DELETE FROM outbox WHERE counter = ?", arguments: [result.counter])
                acknowledged += 1
                if let record = result.record {
                    try Self.receiveServerRecord(record, seq: 0, db)
                    records.append(record)
                } else if result.outcome.isAccepted {
                    try foldAcknowledged(try ReplicaCoding.decode(Mutation.self, from: text), db)
                }
                if case .rejected(let rejection) = result.outcome {
                    rejected += 1
                    let mutation = try ReplicaCoding.decode(Mutation.self, from: text)
                    try db.execute(
                        sql: """
                            INSERT INTO rejection (recordType, recordID, mutation, rejection, serverRecord, acknowledged, receivedAtMillis)
                            VALUES (?, ?, ?, ?, ?, 0, ?)
                            """,
                        arguments: [
                            mutation.record.type, mutation.record.id, text, try ReplicaCoding.encode(rejection),
                            try result.record.map { try ReplicaCoding.encode($0) }, wallClock(),
                        ]
                    )
                }
            }
            try db.execute(sql: "UPDATE outbox SET state = 'pending' WHERE state = 'inFlight'")
            observeClocks(of: records, meta: &meta)
            try meta.save(db)
            let remaining = try Self.sendableCount(db)
            return PushApplication(acknowledged: acknowledged, rejected: rejected, remaining: remaining)
        }
    }

    /// An accepted mutation answered without the server's record: the server joined exactly
    /// this write into its record, so the local copy of the server record takes it too, and
    /// the local view does not flicker back until the next pull. (An intent's effects are
    /// the server's to tell; the pull that follows the push brings them.)
    func foldAcknowledged(_ mutation: Mutation, _ db: Database) throws {
        if case .intent = mutation.operation { return }
        guard let schema = schemas[mutation.record.type] else { return }
        let applied = Merge.apply(
            mutation.operation,
            to: try Self.serverRecord(mutation.record, db)?.record,
            key: mutation.record,
            schema: schema,
            clock: mutation.clock,
            tag: mutation.id.uuidString,
            writer: .client
        )
        if case .success(let applied) = applied { try Self.receiveServerRecord(applied.record, seq: 0, db) }
    }

    /// A push failed without an answer: its entries become pending again (and are resent).
    public func releaseInFlight() throws {
        try writer.write { db in try db.execute(sql: "UPDATE outbox SET state = 'pending' WHERE state = 'inFlight'") }
    }

    /// Renumbers the outbox, in order, to start at `expected` (the server's answer to a
    /// counter gap), so it can be resent from there. No entry is dropped.
    ///
    /// - Returns: the number of entries in the outbox.
    @discardableResult
    public func resequenceOutbox(from expected: Int64) throws -> Int {
        try writer.write { db in
            var meta = try ReplicaMeta.require(db)
            let entries = try Self.outboxEntries(db, sql: "SELECT mutation, state FROM outbox ORDER BY counter")
            try db.execute(sql: "UPDATE outbox SET counter = -counter, state = 'pending'")
            for (offset, entry) in entries.enumerated() {
                var mutation = entry.mutation
                mutation.counter = expected + Int64(offset)
                try db.execute(
                    sql: "UPDATE outbox SET counter = ?, mutation = ? WHERE counter = ?",
                    arguments: [mutation.counter, try ReplicaCoding.encode(mutation), -entry.mutation.counter]
                )
            }
            meta.nextCounter = expected + Int64(entries.count)
            try meta.save(db)
            return entries.count
        }
    }
}
