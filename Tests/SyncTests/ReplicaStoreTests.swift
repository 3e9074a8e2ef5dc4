import Foundation
import Models
import PhoneSync
import Sync
import Testing

@Suite("Replica store")
struct ReplicaStoreTests {
    /// A replica with a claim draft created locally (not yet synced).
    static func replicaWithDraft(clock: ManualClock = ManualClock(1_000)) throws -> (ReplicaStore, RecordKey) {
        let store = try ReplicaStore.inMemory(newDeviceID: "phone-a", wallClock: clock.read)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try store.mutate(record: key, operation: Fixture.draftIntent(id: id))
        return (store, key)
    }

    /// Answers every mutation of `request` as applied, with `record` as the server's record.
    static func applied(_ request: PushRequest, record: SyncRecord? = nil) -> PushResponse {
        PushResponse(
            results: request.mutations.map { MutationResult(mutationID: $0.id, counter: $0.counter, outcome: .applied, record: record) }
        )
    }

    @Test func aLocalWriteIsVisibleAtOnceAndQueued() throws {
        let (store, key) = try Self.replicaWithDraft()
        let draft = try #require(try store.localRecord(key))
        #expect(draft["status"] == .string("draft"))
        #expect(draft["reason"] == .string("resignation"))
        let claim = try #require(try store.localModel(Claim.self, id: key.id))
        #expect(claim.status == .draft)
        #expect(claim.channel == .app)

        let mutation = try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string("12.345.678.9-012.000")]))
        #expect(mutation.counter == 2)
        #expect(mutation.deviceID == "phone-a")
        #expect(try store.localRecord(key)?["taxNumber"] == .string("12.345.678.9-012.000"))
        #expect(try store.outbox().map(\.mutation.counter) == [1, 2])
        #expect(try store.outbox().allSatisfy { $0.state == .pending })
        #expect(try store.syncState(of: key) == .pending)
        #expect(try store.serverRecord(key) == nil)
        #expect(try store.localRecords(type: "claim").map(\.key) == [key])
    }

    @Test func clockTicksForEveryWriteEvenWhenTheWallClockStandsStill() throws {
        let clock = ManualClock(5_000)
        let (store, key) = try Self.replicaWithDraft(clock: clock)
        let a = try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("1"))]))
        let b = try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("2"))]))
        clock.set(4_000)
        let c = try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("3"))]))
        #expect(a.clock < b.clock && b.clock < c.clock)
        #expect(c.clock.node == "phone-a")
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("3")))
    }

    @Test func aServerOwnedFieldIsRefusedLocallyAndNothingIsStored() throws {
        let (store, key) = try Self.replicaWithDraft()
        #expect {
            try store.mutate(record: key, operation: .update(fields: ["status": .string("approved")]))
        } throws: { error in
            (error as? Rejection)?.code == "field.serverOwned"
        }
        #expect(try store.outbox().count == 1)
        #expect(try store.nextCounter() == 2)
        #expect(try store.localRecord(key)?["status"] == .string("draft"))
        #expect(throws: Rejection.self) { try store.mutate(record: RecordKey(type: "branch", id: "X"), operation: .delete) }
    }

    @Test func attachDocumentIsPredictedLocally() throws {
        let (store, key) = try Self.replicaWithDraft()
        let documentID = "D0C00000-0000-4000-8000-000000000001"
        try store.mutate(
            record: key,
            operation: .intent(Intent(name: .attachDocument, arguments: Fixture.attachArguments(documentID: documentID)))
        )
        let documents = try #require(try store.localModel(Claim.self, id: key.id)?.documents)
        #expect(documents.map(\.id.rawValue.uuidString) == [documentID])
        #expect(documents.first?.kind == .idCard)
        #expect(documents.first?.byteCount == 1_024)
        #expect(documents.first?.uploadID?.uuidString == "0B0B0B0B-0000-4000-8000-000000000009")
        // Without what it needs to describe the document, nothing is predicted.
        try store.mutate(
            record: key,
            operation: .intent(Intent(name: .attachDocument, arguments: ["uploadID": .string(UUID().uuidString)]))
        )
        #expect(try store.localModel(Claim.self, id: key.id)?.documents.count == 1)
        try store.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))
        #expect(try store.localRecord(key)?["status"] == .string("draft"))
    }

    @Test func aDraftIsPredictedFromTheReasonAloneAndTheServerFillsTheRest() throws {
        let store = try ReplicaStore.inMemory(newDeviceID: "phone-a", wallClock: ManualClock(1_000).read)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try store.mutate(record: key, operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": .string("retirement")])))
        let draft = try #require(try store.localRecord(key))
        #expect(draft["id"] == .string(id))
        #expect(draft["status"] == .string("draft"))
        #expect(draft["reason"] == .string("retirement"))
        #expect(draft["participantID"] == nil)
        #expect(draft["channel"] == nil)
        // An intent whose arguments the contract does not allow never enters the outbox (the
        // server would refuse the whole push holding it): the app hears why at once.
        let other = Fixture.claimKey(Fixture.newClaimID())
        let pending = try store.outbox().count
        #expect {
            try store.mutate(record: other, operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": .string("lottery")])))
        } throws: { error in
            (error as? Rejection)?.code == "intent.invalidArgument" && (error as? Rejection)?.fields == ["reason"]
        }
        #expect(try store.localRecord(other) == nil)
        #expect(try store.outbox().count == pending, "nothing queued")
        // A value breaking its own rule is queued: the server refuses it alone, with its reason.
        let account = JSONValue.object(["bankCode": "014", "number": "1", "holderName": "SITI RAHAYU"])
        try store.mutate(record: key, operation: .intent(Intent(name: .provideNewBankAccount, arguments: ["bankAccount": account])))
        #expect(try store.outbox().count == pending + 1)
    }

    @Test func anAcknowledgedWriteStaysVisibleBeforeThePull() throws {
        let store = try ReplicaStore.inMemory(newDeviceID: "phone-a", wallClock: ManualClock(1_000).read)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        let base = Fixture.serverClaim(
            id: id,
            status: "draft",
            taxNumber: npwp("old"),
            clock: HLCTimestamp(millis: 500, counter: 0, node: "server")
        )
        try store.applyPull(PullResponse(changes: [Change(seq: 1, record: base)], cursor: 1, hasMore: false))
        try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("new"))]))
        let request = try #require(try store.beginPush(limit: 100))
        // The server answers "applied" without its record, as it does when the write stood.
        try store.applyPush(Self.applied(request))
        #expect(try store.outbox().isEmpty)
        #expect(try store.serverRecord(key)?["taxNumber"] == .string(npwp("new")))
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("new")))
        #expect(try store.syncState(of: key) == .synced)
    }

    @Test func pendingWritesRebaseOverANewerServerRecord() throws {
        let clock = ManualClock(1_000)
        let store = try ReplicaStore.inMemory(newDeviceID: "phone-a", wallClock: clock.read)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        let base = Fixture.serverClaim(
            id: id,
            status: "draft",
            taxNumber: npwp("old"),
            clock: HLCTimestamp(millis: 500, counter: 0, node: "server")
        )
        try store.applyPull(PullResponse(changes: [Change(seq: 1, record: base)], cursor: 1, hasMore: false))

        // Offline edits at t=1000: the tax number and the reason.
        try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("mine")), "reason": .string("retirement")]))
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("mine")))

        // Meanwhile another phone wrote the tax number at t=9000 and the server sends it.
        var newer = base
        newer.fields["taxNumber"] = .register(
            .init(value: .string(npwp("theirs")), clock: HLCTimestamp(millis: 9_000, counter: 0, node: "phone-b"))
        )
        try store.applyPull(PullResponse(changes: [Change(seq: 2, record: newer)], cursor: 2, hasMore: false))

        let local = try #require(try store.localRecord(key))
        #expect(local["taxNumber"] == .string(npwp("theirs")))
        #expect(local["reason"] == .string("retirement"))
        #expect(try store.serverRecord(key)?["reason"] == .string("resignation"))
        #expect(try store.cursor() == 2)
        // The device's clock moved past what it saw: its next write wins.
        #expect(try store.lastClock() > HLCTimestamp(millis: 9_000, counter: 0, node: "phone-b"))
        try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("mine again"))]))
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("mine again")))
    }

    @Test func anEditDuringUploadMakesTheRecordPendingAgain() throws {
        let (store, key) = try Self.replicaWithDraft()
        #expect(try store.syncState(of: key) == .pending)
        let request = try #require(try store.beginPush(limit: 100))
        #expect(request.mutations.map(\.counter) == [1])
        #expect(try store.syncState(of: key) == .sending)

        try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("1"))]))
        #expect(try store.syncState(of: key) == .pending)

        let serverRecord = try #require(try store.localRecord(key))
        let answer = try store.applyPush(Self.applied(request, record: serverRecord))
        #expect(answer == PushApplication(acknowledged: 1, rejected: 0, remaining: 1))
        #expect(try store.syncState(of: key) == .pending)
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("1")))

        let second = try #require(try store.beginPush(limit: 100))
        #expect(second.mutations.map(\.counter) == [2])
        #expect(try store.syncState(of: key) == .sending)
        try store.applyPush(Self.applied(second))
        #expect(try store.syncState(of: key) == .synced)
        #expect(try store.outbox().isEmpty)
    }

    @Test func pushBatchesAreTheOutboxPrefixInCounterOrder() throws {
        let (store, key) = try Self.replicaWithDraft()
        for index in 0..<4 { try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("\(index)"))])) }
        let request = try #require(try store.beginPush(limit: 3))
        #expect(request.deviceID == "phone-a")
        #expect(request.mutations.map(\.counter) == [1, 2, 3])
        #expect(try store.outbox().map(\.state) == [.inFlight, .inFlight, .inFlight, .pending, .pending])
        // A failed push leaves everything queued, pending again.
        try store.releaseInFlight()
        #expect(try store.outbox().map(\.state) == [.pending, .pending, .pending, .pending, .pending])
        // Results that match no entry (wrong id for the counter) acknowledge nothing.
        let wrong = PushResponse(results: [MutationResult(mutationID: UUID(), counter: 1, outcome: .applied)])
        #expect(try store.applyPush(wrong).acknowledged == 0)
        #expect(try store.outboxCount() == 5)
    }

    @Test func stateSurvivesClosingAndReopeningTheDatabaseFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replica-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("replica.sqlite").path
        let clock = ManualClock(2_000)
        let key: RecordKey
        let lastClock: HLCTimestamp
        let view: SyncRecord?
        do {
            let store = try ReplicaStore.file(at: path, newDeviceID: "phone-a", wallClock: clock.read)
            let id = Fixture.newClaimID()
            key = Fixture.claimKey(id)
            try store.applyPull(
                PullResponse(
                    changes: [
                        Change(
                            seq: 4,
                            record: Fixture.serverClaim(
                                id: id,
                                status: "draft",
                                taxNumber: npwp("t"),
                                clock: HLCTimestamp(millis: 1, counter: 0, node: "server")
                            )
                        )
                    ],
                    cursor: 4,
                    hasMore: false
                )
            )
            try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("u"))]))
            try store.mutate(record: key, operation: .update(fields: ["reason": .string("retirement")]))
            _ = try store.beginPush(limit: 1)
            #expect(try store.outbox().map(\.state) == [.inFlight, .pending])
            lastClock = try store.lastClock()
            view = try store.localRecord(key)
        }
        // The app was killed mid-push; it starts again on the same file (a new id is ignored).
        clock.set(1_000)
        let reopened = try ReplicaStore.file(at: path, newDeviceID: "another-id", wallClock: clock.read)
        #expect(reopened.deviceID == "phone-a")
        #expect(try reopened.outbox().map(\.state) == [.pending, .pending])
        #expect(try reopened.outbox().map(\.mutation.counter) == [1, 2])
        #expect(try reopened.cursor() == 4)
        #expect(try reopened.localRecord(key) == view)
        #expect(try reopened.lastSyncedAt() != nil)
        let next = try reopened.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("v"))]))
        #expect(next.counter == 3)
        #expect(next.clock > lastClock)
    }

    @Test func aRejectionIsSurfacedWithTheServerRecordAndLeavesTheOutbox() throws {
        let (store, key) = try Self.replicaWithDraft()
        let request = try #require(try store.beginPush(limit: 100))
        let server = Fixture.serverClaim(
            id: key.id,
            status: "submitted",
            taxNumber: npwp("server"),
            clock: HLCTimestamp(millis: 3, counter: 0, node: "server")
        )
        let rejection = Rejection(code: "claim.exists", message: "This claim was already submitted.")
        let mutation = try #require(request.mutations.first)
        let response = PushResponse(
            results: [MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: .rejected(rejection), record: server)]
        )
        #expect(try store.applyPush(response) == PushApplication(acknowledged: 1, rejected: 1, remaining: 0))

        #expect(try store.outbox().isEmpty)
        let stored = try #require(try store.rejections().first)
        #expect(stored.mutation == mutation)
        #expect(stored.rejection == rejection)
        #expect(stored.serverRecord == server)
        #expect(!stored.acknowledged)
        let state = try store.syncState(of: key)
        #expect(state == .rejected(stored), "the state carries the reason and the server's record")
        #expect(state.rejection?.rejection.code == rejection.code)
        #expect(state.rejection?.serverRecord == server)
        #expect(try store.localRecord(key) == server)

        try store.acknowledgeRejection(stored.id)
        #expect(try store.rejections().isEmpty)
        #expect(try store.rejections(includeAcknowledged: true).map(\.acknowledged) == [true])
        #expect(try store.syncState(of: key) == .synced)
    }

    @Test func tombstonesDeleteTheLocalCopyAndResetKeepsTheOutbox() throws {
        let store = try ReplicaStore.inMemory(newDeviceID: "phone-a", wallClock: ManualClock(1_000).read)
        let a = Fixture.serverClaim(
            id: "A",
            status: "draft",
            taxNumber: npwp("a"),
            clock: HLCTimestamp(millis: 1, counter: 0, node: "server")
        )
        let b = Fixture.serverClaim(
            id: "B",
            status: "draft",
            taxNumber: npwp("b"),
            clock: HLCTimestamp(millis: 1, counter: 0, node: "server")
        )
        try store.applyPull(PullResponse(changes: [Change(seq: 1, record: a), Change(seq: 2, record: b)], cursor: 2, hasMore: true))
        #expect(try store.lastSyncedAt() == nil)
        try store.applyPull(
            PullResponse(changes: [Change(seq: 3, record: SyncRecord(key: a.key, deleted: true))], cursor: 3, hasMore: false)
        )
        #expect(try store.localRecord(a.key) == nil)
        #expect(try store.serverRecord(a.key) == nil)
        #expect(try store.localRecords(type: "claim").map(\.key) == [b.key])
        #expect(try store.lastSyncedAt() != nil)

        try store.mutate(record: b.key, operation: .update(fields: ["taxNumber": .string(npwp("edited"))]))
        try store.applyPull(PullResponse(changes: [], cursor: 50, hasMore: false, reset: true))
        #expect(try store.cursor() == 0)
        #expect(try store.serverRecord(b.key) == nil)
        #expect(try store.outboxCount() == 1)
        // Without its server record the update cannot be shown; it waits for the full pull.
        #expect(try store.localRecord(b.key) == nil)
        try store.applyPull(PullResponse(changes: [Change(seq: 2, record: b)], cursor: 2, hasMore: false))
        #expect(try store.localRecord(b.key)?["taxNumber"] == .string(npwp("edited")))
    }

    @Test func resequencingRenumbersTheOutboxWithoutDroppingAnything() throws {
        let (store, key) = try Self.replicaWithDraft()
        try store.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("x"))]))
        let before = try store.outbox().map(\.mutation.id)
        #expect(try store.resequenceOutbox(from: 11) == 2)
        let after = try store.outbox()
        #expect(after.map(\.mutation.id) == before)
        #expect(after.map(\.mutation.counter) == [11, 12])
        #expect(try store.nextCounter() == 13)
        #expect(try store.resequenceOutbox(from: 1) == 2)
        #expect(try store.outbox().map(\.mutation.counter) == [1, 2])
        #expect(try store.localRecord(key)?["taxNumber"] == .string(npwp("x")))
    }
}
