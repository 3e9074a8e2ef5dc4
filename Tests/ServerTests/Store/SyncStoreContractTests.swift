import Foundation
import Models
import Sync
import Synchronization
import Testing

@testable import Server

/// The sync half of the store contract: commits move a bucket, its change log and a device's
/// counter together or not at all; the log pages in order; tombstones go at the horizon; and
/// concurrent commits never let a pull step past a change that commits later.
@Suite("Sync store contract")
struct SyncStoreContractTests {
    let siti: BucketID = .participant("siti")
    let budi: BucketID = .participant("budi")

    func record(_ id: String, type: String = "note", value: String = "v", deleted: Bool = false) -> SyncRecord {
        SyncRecord(
            key: RecordKey(type: type, id: id),
            fields: ["text": .register(.init(value: .string(value), clock: HLCTimestamp(millis: 1, counter: 0, node: "test")))],
            deleted: deleted
        )
    }

    /// One bucket transaction that writes `writes` (with a device counter and results).
    @discardableResult
    func commit(
        _ store: any Store,
        _ bucket: BucketID,
        _ writes: [SyncRecord],
        device: (deviceID: String, lastCounter: Int64)? = nil,
        results: [MutationResult] = []
    ) async throws -> Int64? {
        try await store.transact(BucketRequest(bucket: bucket)) { _ in
            BucketDecision(BucketChanges(writes: writes, deviceCounter: device, results: results), ())
        }.cursor
    }

    /// What a transaction on `bucket` loads for `request`, without writing.
    func state(_ store: any Store, _ request: BucketRequest) async throws -> BucketState {
        try await store.transact(request) { state in BucketDecision(BucketChanges(), state) }.value
    }

    @Test(arguments: StoreFactory.allCases)
    func aCommitMovesTheBucketTheLogAndTheDeviceTogether(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.snapshot(of: siti).version == 0)
        #expect(try await store.heads(of: [siti]) == [siti: BucketHead(version: 0, horizon: 0)])
        let result = MutationResult(mutationID: UUID(), counter: 1, outcome: .applied)
        let cursor = try await commit(store, siti, [record("a"), record("b")], device: ("phone-1", 1), results: [result])
        #expect(cursor == 2)
        let snapshot = try await store.snapshot(of: siti)
        #expect(snapshot.version == 2)
        #expect(snapshot.records[RecordKey(type: "note", id: "a")] == record("a"))
        #expect(try await store.deviceState("phone-1") == DeviceState(deviceID: "phone-1", bucket: siti, lastCounter: 1))
        #expect(try await store.deviceState("phone-2") == nil)
        let loaded = try await state(store, BucketRequest(bucket: siti, deviceID: "phone-1", storedResults: 1...5))
        #expect(loaded.version == 2)
        #expect(loaded.records.count == 2)
        #expect(loaded.device == DeviceState(deviceID: "phone-1", bucket: siti, lastCounter: 1))
        #expect(loaded.results == [1: result])
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "b")) == siti)
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "zz")) == nil)

        // Each bucket numbers its own changes.
        #expect(try await commit(store, budi, [record("c")]) == 1)
        #expect(
            try await store.heads(of: [siti, budi, .reference]) == [
                siti: BucketHead(version: 2, horizon: 0), budi: BucketHead(version: 1, horizon: 0),
                .reference: BucketHead(version: 0, horizon: 0),
            ]
        )
        // A transaction that writes no record moves no version.
        #expect(try await commit(store, siti, []) == nil)
        #expect(try await store.heads(of: [siti])[siti]?.version == 2)

        // The log is compacted per record: a rewritten record moves to its new position.
        #expect(try await commit(store, siti, [record("a", value: "w")]) == 3)
        let first = try await store.changes(after: [(siti, 0), (budi, 0)], limit: 2)
        #expect(first.entries.map(\.bucket) == [siti, siti])
        #expect(first.entries.map(\.change.seq) == [2, 3])
        #expect(first.entries.last?.change.record == record("a", value: "w"))
        #expect(first.complete == [siti])
        #expect(first.hasMore, "budi's change is still to come")
        let rest = try await store.changes(after: [(siti, 3), (budi, 0)], limit: 2)
        #expect(rest.entries.map(\.bucket) == [budi])
        #expect(rest.entries.map(\.change.seq) == [1])
        #expect(rest.complete == [siti, budi])
        #expect(!rest.hasMore)
        let full = try await store.changes(after: [(budi, 0), (siti, 0)], limit: 2)
        #expect(full.entries.map(\.bucket) == [budi, siti], "buckets in the order asked")
        #expect(full.complete == [budi])
    }

    @Test(arguments: StoreFactory.allCases)
    func aForeignKeyOrADeviceOfAnotherBucketWritesNothing(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await commit(store, siti, [record("a")], device: ("phone-1", 1)) == 1)
        #expect(try await commit(store, budi, [record("b")]) == 1)

        await #expect(throws: BucketStoreError.conflict, "a device syncs one bucket") {
            try await commit(store, budi, [record("y")], device: ("phone-1", 2))
        }
        // A key of another bucket fails the whole transaction, device counter included.
        await #expect(throws: BucketStoreError.conflict) {
            try await commit(store, siti, [record("z"), record("b")], device: ("phone-1", 2))
        }
        #expect(try await store.deviceState("phone-1")?.lastCounter == 1)
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "z")) == nil)
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "y")) == nil)
        #expect(try await store.heads(of: [siti, budi]).mapValues(\.version) == [siti: 1, budi: 1])
        // A decision sees which of the keys it may create belong to another bucket.
        let keys = [RecordKey(type: "note", id: "b"), RecordKey(type: "note", id: "a"), RecordKey(type: "note", id: "new")]
        #expect(try await state(store, BucketRequest(bucket: siti, keys: keys)).foreignKeys == [RecordKey(type: "note", id: "b")])
        #expect(try await state(store, BucketRequest(bucket: siti)).foreignKeys.isEmpty)
    }

    @Test(arguments: StoreFactory.allCases)
    func aDecisionOnNamedRecordsLoadsThoseAndSeesWhichAnotherBucketOwns(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await commit(store, siti, [record("a"), record("b", value: "w"), record("c")])
        try await commit(store, budi, [record("d")])
        let keys = [RecordKey(type: "note", id: "b"), RecordKey(type: "note", id: "d"), RecordKey(type: "note", id: "new")]
        var request = BucketRequest(bucket: siti, keys: keys)
        request.scope = .keys
        let named = try await state(store, request)
        #expect(named.version == 3, "the bucket's version, whatever is loaded")
        #expect(named.records == [RecordKey(type: "note", id: "b"): record("b", value: "w")], "only the named record of the bucket")
        #expect(named.foreignKeys == [RecordKey(type: "note", id: "d")])
        #expect(try await state(store, BucketRequest(bucket: siti, keys: keys)).records.count == 3, "by default the whole bucket")
        // A decision on named records commits like any other.
        let cursor = try await store.transact(request) { state in
            BucketDecision(BucketChanges(writes: [record("b", value: "x")]), state.version)
        }
        #expect(cursor.cursor == 4 && cursor.value == 3)
        #expect(try await store.snapshot(of: siti).records[RecordKey(type: "note", id: "b")] == record("b", value: "x"))
    }

    @Test(arguments: StoreFactory.allCases)
    func aParticipantsBucketLoadsTheAccountWithTheLedgersBalanceUnlessTheDecisionReadsNeither(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await DemoData.seedIfEmpty(store)
        let seeded = DemoData.people[0].account
        try await store.post(-1_000_000, to: seeded.participant.id)
        var request = BucketRequest(bucket: .participant(seeded.participant.id.rawValue.uuidString))
        let loaded = try await state(store, request)
        #expect(loaded.account?.participant == seeded.participant)
        #expect(loaded.account?.membership.balance == seeded.membership.balance - 1_000_000, "the balance is the ledger's")
        #expect(loaded.ledger.balance == seeded.membership.balance - 1_000_000)
        #expect(loaded.ledger.entries.count == 2)
        request.readsAccount = false
        let light = try await state(store, request)
        #expect(light.account == nil)
        #expect(light.ledger.entries.isEmpty)
        #expect(light.version == loaded.version)
    }

    @Test(arguments: StoreFactory.allCases)
    func tombstonesGoAtTheHorizon(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await commit(store, siti, [record("a"), record("b")])
        try await commit(store, siti, [record("a", deleted: true)])
        try await commit(store, siti, [record("b", deleted: true)])
        #expect(try await store.heads(of: [siti])[siti] == BucketHead(version: 4, horizon: 0))
        #expect(try await store.purgeTombstones(in: budi, before: 4) == 0, "another bucket's tombstones are not touched")
        #expect(try await store.purgeTombstones(in: siti, before: 4) == 1, "only the tombstone older than the horizon")
        #expect(try await store.heads(of: [siti])[siti] == BucketHead(version: 4, horizon: 4))
        #expect(try await store.purgeTombstones(in: siti, before: 2) == 0)
        #expect(try await store.heads(of: [siti])[siti]?.horizon == 4, "the horizon never moves back")
        #expect(try await store.snapshot(of: siti).records.keys.map(\.id) == ["b"])
        #expect(try await store.snapshot(of: siti).version == 4)
    }

    /// Two writers read-modify-write one record of one bucket 25 times each, at once: every
    /// transaction waits its turn and sees the other's commits, so none fails and none is lost.
    @Test(arguments: StoreFactory.allCases)
    func writersOfOneBucketWaitTheirTurn(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let key = RecordKey(type: "note", id: "count")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<25 {
                        try await store.transact(BucketRequest(bucket: siti)) { state in
                            let count = Int(state.records[key]?["text"]?.stringValue ?? "0")! + 1
                            return BucketDecision(BucketChanges(writes: [record("count", value: "\(count)")]), ())
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.snapshot(of: siti).records[key]?["text"] == .string("50"))
    }

    /// On PostgreSQL a commit locks only its own bucket: while a transaction holds one
    /// participant's bucket, another participant's commit goes through, and the same
    /// participant's next commit waits until the bucket is released.
    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func onPostgresACommitWaitsOnlyForItsOwnBucket() async throws {
        let store = try await PostgresTestDatabase.store()
        let order = Order()
        let (siti, budi, after, other) = (siti, budi, record("after"), record("other"))
        try await store.transaction { connection in
            _ = try await PostgresStore.lockBucket(siti, on: connection, logger: store.logger)
            let sameBucket = Task {
                try await store.transact(BucketRequest(bucket: siti)) { _ in BucketDecision(BucketChanges(writes: [after]), ()) }
                order.append("siti")
            }
            try await store.transact(BucketRequest(bucket: budi)) { _ in BucketDecision(BucketChanges(writes: [other]), ()) }
            order.append("budi")
            // Long enough for siti's commit to finish, were it not waiting for the lock.
            try await Task.sleep(for: .milliseconds(500))
            order.append("released")
            _ = sameBucket
        }
        while order.items.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(order.items == ["budi", "released", "siti"])
        #expect(try await store.snapshot(of: siti).records[RecordKey(type: "note", id: "after")] != nil)
    }

    /// Twenty buckets take 10 commits each, all at once, while a phone-like reader pulls every
    /// bucket: every change is seen exactly once and in each bucket's order, so no pull ever
    /// stepped past a change that committed after it.
    @Test(arguments: StoreFactory.allCases)
    func concurrentCommitsNeverLetAPullSkipAChange(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let buckets = (0..<20).map { BucketID.participant("p\($0)") }
        let perBucket = 10
        let done = Atomic<Bool>(false)
        let reader = Task { () -> [BucketID: [Int64]] in
            var positions = Dictionary(uniqueKeysWithValues: buckets.map { ($0, Int64(0)) })
            var seen: [BucketID: [Int64]] = [:]
            while true {
                let finished = done.load(ordering: .acquiring)
                let page = try await store.changes(after: buckets.map { ($0, positions[$0]!) }, limit: 7)
                for entry in page.entries {
                    seen[entry.bucket, default: []].append(entry.change.seq)
                    positions[entry.bucket] = entry.change.seq
                }
                if finished, !page.hasMore { return seen }
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, bucket) in buckets.enumerated() {
                group.addTask {
                    for n in 0..<perBucket { try await commit(store, bucket, [record("\(index)-\(n)")]) }
                }
            }
            try await group.waitForAll()
        }
        done.store(true, ordering: .releasing)
        let seen = try await reader.value
        for bucket in buckets {
            #expect(seen[bucket] == Array(1...Int64(perBucket)), "\(bucket): every change once, in order, with no gap")
        }
        #expect(try await store.heads(of: buckets).values.allSatisfy { $0.version == Int64(perBucket) })
    }
}

/// What happened, in order, across tasks.
private final class Order: Sendable {
    private let state = Mutex<[String]>([])

    func append(_ item: String) { state.withLock { $0.append(item) } }

    var items: [String] { state.withLock { $0 } }
}
