import Foundation
import Models
import Server
import Sync
import Synchronization
import Testing

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

    func commit(
        _ bucket: BucketID,
        from version: Int64,
        _ writes: [SyncRecord],
        device: (id: String, expectedLastCounter: Int64?, newLastCounter: Int64)? = nil,
        results: [MutationResult] = []
    ) -> BucketCommit {
        BucketCommit(bucket: bucket, expectedVersion: version, device: device, writes: writes, results: results)
    }

    @Test(arguments: StoreFactory.allCases)
    func aCommitMovesTheBucketTheLogAndTheDeviceTogether(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.snapshot(of: siti).version == 0)
        #expect(try await store.currentCursor() == 0)
        let result = MutationResult(mutationID: UUID(), counter: 1, outcome: .applied)
        let outcome = try await store.commit(
            commit(siti, from: 0, [record("a"), record("b")], device: ("phone-1", nil, 1), results: [result])
        )
        #expect(outcome == .committed(cursor: 2))
        let snapshot = try await store.snapshot(of: siti)
        #expect(snapshot.version == 2)
        #expect(snapshot.records[RecordKey(type: "note", id: "a")] == record("a"))
        #expect(try await store.deviceState("phone-1") == DeviceState(deviceID: "phone-1", bucket: siti, lastCounter: 1))
        #expect(try await store.deviceState("phone-2") == nil)
        #expect(try await store.results(deviceID: "phone-1", counters: 1...5) == [1: result])
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "b")) == siti)
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "zz")) == nil)

        #expect(try await store.commit(commit(budi, from: 0, [record("c")])) == .committed(cursor: 3))
        #expect(try await store.currentCursor() == 3)
        #expect(try await store.latestChange(in: [siti]) == 2)
        #expect(try await store.latestChange(in: [siti, budi]) == 3)
        #expect(try await store.latestChange(in: [.reference]) == 0)

        // The log is compacted per record: a rewritten record moves to its new position.
        #expect(try await store.commit(commit(siti, from: 2, [record("a", value: "w")])) == .committed(cursor: 4))
        let first = try await store.changes(in: [siti, budi], after: 0, limit: 2)
        #expect(first.changes.map(\.seq) == [2, 3])
        #expect(first.hasMore)
        let rest = try await store.changes(in: [siti, budi], after: 3, limit: 2)
        #expect(rest.changes.map(\.seq) == [4])
        #expect(rest.changes.first?.record == record("a", value: "w"))
        #expect(!rest.hasMore)
        #expect(try await store.changes(in: [budi], after: 0, limit: 10).changes.map(\.seq) == [3])
    }

    @Test(arguments: StoreFactory.allCases)
    func aMovedBucketACounterThatMovedOrAForeignKeyWritesNothing(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await store.commit(commit(siti, from: 0, [record("a")], device: ("phone-1", nil, 1))) == .committed(cursor: 1))
        #expect(try await store.commit(commit(budi, from: 0, [record("b")])) == .committed(cursor: 2))

        #expect(try await store.commit(commit(siti, from: 0, [record("x")])) == .conflict, "the bucket moved")
        #expect(try await store.commit(commit(siti, from: 1, [record("x")], device: ("phone-1", 0, 2))) == .conflict, "the counter moved")
        #expect(try await store.commit(commit(siti, from: 1, [record("x")], device: ("phone-1", 1, 2))) == .committed(cursor: 3))
        #expect(
            try await store.commit(commit(budi, from: 2, [record("y")], device: ("phone-1", 2, 3))) == .conflict,
            "another bucket's device"
        )

        // A key of another bucket fails the whole commit, device counter included.
        let foreign = commit(siti, from: 3, [record("z"), record("b")], device: ("phone-1", 2, 3))
        #expect(try await store.commit(foreign) == .conflict)
        #expect(try await store.deviceState("phone-1")?.lastCounter == 2)
        #expect(try await store.bucket(of: RecordKey(type: "note", id: "z")) == nil)
        #expect(try await store.currentCursor() == 3)
        let keys = [RecordKey(type: "note", id: "b"), RecordKey(type: "note", id: "a"), RecordKey(type: "note", id: "new")]
        #expect(try await store.keys(keys, ownedOutside: siti) == [RecordKey(type: "note", id: "b")])
        #expect(try await store.keys([], ownedOutside: siti).isEmpty)
    }

    @Test(arguments: StoreFactory.allCases)
    func tombstonesGoAtTheHorizon(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await store.commit(commit(siti, from: 0, [record("a"), record("b")]))
        _ = try await store.commit(commit(siti, from: 2, [record("a", deleted: true)]))
        _ = try await store.commit(commit(siti, from: 3, [record("b", deleted: true)]))
        #expect(try await store.retentionHorizon() == 0)
        #expect(try await store.purgeTombstones(before: 4) == 1, "only the tombstone older than the horizon")
        #expect(try await store.retentionHorizon() == 4)
        #expect(try await store.purgeTombstones(before: 2) == 0)
        #expect(try await store.retentionHorizon() == 4, "the horizon never moves back")
        #expect(try await store.snapshot(of: siti).records.keys.map(\.id) == ["b"])
        #expect(try await store.snapshot(of: siti).version == 4)
    }

    /// Twenty buckets take 10 commits each, all at once, while a phone-like reader pulls
    /// everything: every change is seen exactly once, so no pull ever stepped past a change
    /// that committed after it.
    @Test(arguments: StoreFactory.allCases)
    func concurrentCommitsNeverLetAPullSkipAChange(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let buckets = (0..<20).map { BucketID.participant("p\($0)") }
        let perBucket = 10
        let done = Atomic<Bool>(false)
        let reader = Task { () -> [Int64] in
            var cursor: Int64 = 0
            var seen: [Int64] = []
            while true {
                let finished = done.load(ordering: .acquiring)
                let page = try await store.changes(in: buckets, after: cursor, limit: 7)
                seen += page.changes.map(\.seq)
                cursor = page.changes.last?.seq ?? cursor
                if finished, !page.hasMore { return seen }
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, bucket) in buckets.enumerated() {
                group.addTask {
                    for n in 0..<perBucket {
                        while true {
                            let version = try await store.snapshot(of: bucket).version
                            let write = record("\(index)-\(n)")
                            if case .committed = try await store.commit(commit(bucket, from: version, [write])) { break }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        done.store(true, ordering: .releasing)
        let seen = try await reader.value
        let total = Int64(buckets.count * perBucket)
        #expect(seen.count == Int(total), "every change seen once")
        #expect(seen == Array(1...total), "in sequence order, with no gap")
        #expect(try await store.currentCursor() == total)
    }
}
