import Foundation
import Models
import Sync
import Testing

/// The one merge function and the join, without I/O.
@Suite("Merge policies")
struct MergeTests {
    static let schema = RecordSchema(
        type: "sample",
        fields: [
            "status": .serverOwned,
            "email": .lastWriterWins,
            "documents": .lockedAfterState(stateField: "status", editableIn: ["draft"], policy: .addWinsSet),
            "reason": .lockedAfterState(stateField: "status", editableIn: ["draft"], policy: .lastWriterWins),
            "attempt": .appendOnly,
        ],
        clientMayCreate: true,
        formats: ["email": .email, "reason": .claimReason, "attempt": .timestamp]
    )
    static let key = RecordKey(type: "sample", id: "1")

    static func clock(_ millis: Int64, _ node: String = "a") -> HLCTimestamp { HLCTimestamp(millis: millis, counter: 0, node: node) }

    static func apply(
        _ operation: Sync.Operation,
        to record: SyncRecord?,
        at millis: Int64,
        node: String = "a",
        writer: Merge.Writer = .client
    )
        -> Result<Merge.Applied, Rejection>
    {
        Merge.apply(operation, to: record, key: key, schema: schema, clock: clock(millis, node), tag: "\(node)-\(millis)", writer: writer)
    }

    static func draft() throws -> SyncRecord {
        try apply(.create(fields: ["status": "draft", "documents": .array([])]), to: nil, at: 1, writer: .server).get().record
    }

    @Test func serverOwnedFieldsAreRefusedForPhonesAndOpenToTheServer() throws {
        let record = try Self.draft()
        guard case .failure(let rejection) = Self.apply(.update(fields: ["status": "paid"]), to: record, at: 2) else {
            Issue.record("a phone set a server-owned field")
            return
        }
        #expect(rejection.code == "field.serverOwned")
        #expect(rejection.fields == ["status"])
        let server = try Self.apply(.update(fields: ["status": "submitted"]), to: record, at: 2, writer: .server).get()
        #expect(server.record["status"] == "submitted")
    }

    @Test func lastWriterWinsByClockWhateverTheOrder() throws {
        let record = try Self.draft()
        let early = try Self.apply(.update(fields: ["email": "early@x.id"]), to: record, at: 10, node: "phone-a").get()
        let late = try Self.apply(.update(fields: ["email": "late@x.id"]), to: early.record, at: 20, node: "phone-b").get()
        #expect(late.record["email"] == "late@x.id")
        #expect(late.outcome == .applied)
        let lateFirst = try Self.apply(.update(fields: ["email": "late@x.id"]), to: record, at: 20, node: "phone-b").get()
        let earlyAfter = try Self.apply(.update(fields: ["email": "early@x.id"]), to: lateFirst.record, at: 10, node: "phone-a").get()
        #expect(earlyAfter.record["email"] == "late@x.id", "the older write loses even when it arrives last")
        #expect(earlyAfter.outcome == .merged(superseded: ["email"]))
        #expect(earlyAfter.record == late.record)
    }

    @Test func addWinsOverAConcurrentRemove() throws {
        let record = try Self.draft()
        let added = try Self.apply(.addElement(field: "documents", elementID: "ktp", value: "v1"), to: record, at: 2, node: "a").get()
            .record
        // Phone b removes the element it has seen while phone a adds it again concurrently.
        let removed = try Self.apply(.removeElement(field: "documents", elementID: "ktp"), to: added, at: 3, node: "b").get().record
        let readded = try Self.apply(.addElement(field: "documents", elementID: "ktp", value: "v2"), to: added, at: 3, node: "a").get()
            .record
        #expect(removed["documents"] == .array([]))
        let joined = removed.merged(with: readded)
        #expect(joined == readded.merged(with: removed))
        #expect(joined["documents"] == .array(["v2"]), "the add the remove never saw keeps the element")
    }

    @Test func appendOnlyFieldsAreWrittenOnce() throws {
        let record = try Self.draft()
        let first = try Self.apply(.update(fields: ["attempt": "2026-03-01T01:00:00Z"]), to: record, at: 2).get().record
        guard case .failure(let rejection) = Self.apply(.update(fields: ["attempt": "2026-03-01T02:00:00Z"]), to: first, at: 3) else {
            Issue.record("an append-only field was changed")
            return
        }
        #expect(rejection.code == "field.appendOnly")
    }

    @Test func lockedFieldsCloseAfterTheStateMoves() throws {
        let record = try Self.draft()
        #expect(throws: Never.self) { try Self.apply(.update(fields: ["reason": "resignation"]), to: record, at: 2).get() }
        let submitted = try Self.apply(.update(fields: ["status": "submitted"]), to: record, at: 3, writer: .server).get().record
        for operation in [
            Sync.Operation.update(fields: ["reason": "termination"]), .addElement(field: "documents", elementID: "x", value: "x"),
        ] {
            guard case .failure(let rejection) = Self.apply(operation, to: submitted, at: 4) else {
                Issue.record("a locked field was changed: \(operation)")
                continue
            }
            #expect(rejection.code == "field.locked")
        }
    }

    @Test func unknownFieldsWrongOperationsAndMissingRecordsAreRefused() throws {
        let record = try Self.draft()
        #expect(throws: Rejection.self) { try Self.apply(.update(fields: ["nope": 1]), to: record, at: 2).get() }
        #expect(throws: Rejection.self) { try Self.apply(.update(fields: ["documents": .array([])]), to: record, at: 2).get() }
        #expect(throws: Rejection.self) { try Self.apply(.update(fields: ["email": "a@b.id"]), to: nil, at: 2).get() }
        #expect(throws: Rejection.self) { try Self.apply(.delete, to: record, at: 2).get() }
    }

    /// A phone's write is kept or refused with a reason, never "applied" with nothing written:
    /// an invalid value, an empty change and the removal of an element that is not there.
    @Test func nothingIsAppliedSilently() throws {
        let record = try Self.draft()
        for (operation, code) in [
            (Sync.Operation.update(fields: ["email": "not an address"]), "email.shape"),
            (.update(fields: ["reason": "resigned"]), "field.invalid"),
            (.update(fields: [:]), "mutation.empty"),
            (.removeElement(field: "documents", elementID: "never-added"), "element.notFound"),
        ] {
            guard case .failure(let rejection) = Self.apply(operation, to: record, at: 2) else {
                Issue.record("accepted: \(operation)")
                continue
            }
            #expect(rejection.code == code, "\(operation)")
        }
        let kept = try Self.apply(.update(fields: ["email": "siti@example.id", "reason": "retirement"]), to: record, at: 2).get()
        #expect(kept.outcome == .applied)
        #expect(kept.record["email"] == "siti@example.id")
    }

    /// The join is a semilattice: any order of the same writes gives the same record.
    @Test(arguments: 0..<200)
    func joinIsCommutativeAssociativeAndIdempotent(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let base = try Self.draft()
        var seen = base
        for id in ["d0", "d1", "d2"] {
            seen = try Self.apply(.addElement(field: "documents", elementID: id, value: .string(id)), to: seen, at: 1, writer: .server)
                .get().record
        }
        let writes: [SyncRecord] = try (0..<6).map { index in
            let node = "phone-\(random.next() % 3)"
            let millis = Int64(2 + random.next() % 20)
            let operation: Sync.Operation =
                switch random.next() % 3 {
                case 0: .update(fields: ["email": .string("e\(index)@example.id")])
                case 1: .addElement(field: "documents", elementID: "d\(random.next() % 3)", value: .string("v\(index)"))
                default: .removeElement(field: "documents", elementID: "d\(random.next() % 3)")
                }
            // A phone removes only an element it has seen: the base holds every one of them.
            return try Self.apply(operation, to: seen, at: millis * 10 + Int64(index), node: node).get().record
        }
        let forward = writes.reduce(base) { $0.merged(with: $1) }
        let backward = writes.reversed().reduce(base) { $0.merged(with: $1) }
        var shuffled = writes
        shuffled.shuffle(using: &random)
        let shuffledJoin = shuffled.reduce(base) { $0.merged(with: $1) }
        #expect(forward == backward)
        #expect(forward == shuffledJoin)
        #expect(forward.merged(with: forward) == forward)
        #expect(writes[0].merged(with: writes[1].merged(with: writes[2])) == writes[0].merged(with: writes[1]).merged(with: writes[2]))
    }
}
