import Foundation
import Models
import PhoneSync
import Sync
import Testing

@Suite("Sync client against a fake server")
struct SyncClientTests {
    static func client(
        _ server: FakeSyncServer,
        device: String,
        clock: ManualClock,
        tokens: FakeTokens = FakeTokens(),
        sleeper: SleepRecorder = SleepRecorder(),
        path: String? = nil
    ) throws -> SyncClient {
        let store =
            try path.map { try ReplicaStore.file(at: $0, newDeviceID: device, wallClock: clock.read) }
            ?? ReplicaStore.inMemory(newDeviceID: device, wallClock: clock.read)
        return try SyncClient(
            store: store,
            transport: server,
            tokens: tokens,
            backoff: RetryBackoff(jitter: 0, seed: 7),
            sleep: sleeper.sleep
        )
    }

    static func temporaryDatabase() throws -> (path: String, cleanup: @Sendable () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory.appendingPathComponent("replica.sqlite").path, { try? FileManager.default.removeItem(at: directory) })
    }

    @Test func twoReplicasEditTheSameFieldOfflineAndConverge() throws {
        let server = FakeSyncServer()
        let clockA = ManualClock(1_000)
        let clockB = ManualClock(1_000)
        let phoneA = try Self.client(server, device: "phone-a", clock: clockA)
        let phoneB = try Self.client(server, device: "phone-b", clock: clockB)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)

        // A starts a draft; both phones sync.
        try phoneA.mutate(record: key, operation: Fixture.draftIntent(id: id))
        try phoneA.start()
        try drive(phoneA, server)
        try phoneB.start()
        try drive(phoneB, server)
        #expect(try phoneB.store.localRecord(key)?["status"] == .string("draft"))

        // Offline, both change the tax number; B later by its clock. A also changes the reason.
        clockA.set(10_000)
        clockB.set(20_000)
        try phoneA.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("from A")), "reason": .string("retirement")]))
        try phoneB.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("from B"))]))
        #expect(try phoneA.store.localRecord(key)?["taxNumber"] == .string(npwp("from A")))
        #expect(try phoneB.store.localRecord(key)?["taxNumber"] == .string(npwp("from B")))

        // B syncs first, then A (whose older write is superseded), then B again.
        try drive(phoneB, server)
        try drive(phoneA, server)
        try phoneB.start()
        try drive(phoneB, server)

        let serverRecord = try #require(server.record(key))
        #expect(serverRecord["taxNumber"] == .string(npwp("from B")))
        #expect(serverRecord["reason"] == .string("retirement"))
        #expect(try phoneA.store.localRecord(key) == serverRecord)
        #expect(try phoneB.store.localRecord(key) == serverRecord)
        #expect(try phoneA.syncState(of: key) == .synced)
        #expect(try phoneB.syncState(of: key) == .synced)
        #expect(try phoneA.store.rejections().isEmpty)
        #expect(try phoneA.lastSyncedAt() != nil)
    }

    @Test func aLostPushResponseIsReplayedWithoutDuplicating() async throws {
        let server = FakeSyncServer()
        let sleeper = SleepRecorder()
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000), sleeper: sleeper)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        let documentID = "D0C00000-0000-4000-8000-000000000002"
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        try phone.mutate(
            record: key,
            operation: .intent(Intent(name: .attachDocument, arguments: Fixture.attachArguments(documentID: documentID)))
        )
        server.update { $0.pushFaults = [.loseResponse] }

        try await phone.syncNow()

        #expect(sleeper.recorded == [1])
        #expect(server.applied.count == 2)
        #expect(Set(server.applied).count == 2)
        #expect(server.replays == 2)
        #expect(Fixture.documentIDs(server.record(key)?["documents"]) == [documentID])
        #expect(try phone.store.outbox().isEmpty)
        #expect(try phone.store.localRecord(key) == server.record(key))
        #expect(phone.machine.state == .idle)
        #expect(phone.machine.cursor == server.cursor)
    }

    @Test func aLostResponseThenAnAppKillStillAppliesExactlyOnce() throws {
        let (path, cleanup) = try Self.temporaryDatabase()
        defer { cleanup() }
        let server = FakeSyncServer()
        let clock = ManualClock(1_000)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        do {
            let phone = try Self.client(server, device: "phone-a", clock: clock, path: path)
            try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
            #expect(try phone.start() == .push(batchSize: 1))
            #expect(phone.nextAction() == .push(batchSize: 1))
            #expect(phone.nextAction() == .idle)
            let request = try #require(try phone.preparePush())
            // The server applies it, and the app dies before the answer arrives.
            _ = try server.pushNow(request, accessToken: "token-1")
            #expect(try phone.syncState(of: key) == .sending)
        }
        let phone = try Self.client(server, device: "phone-a", clock: clock, path: path)
        #expect(try phone.store.outbox().map(\.state) == [.pending])
        #expect(phone.machine.outboxCount == 1)
        try phone.start()
        try drive(phone, server)
        #expect(server.applied.count == 1)
        #expect(server.replays == 1)
        #expect(try phone.store.outbox().isEmpty)
        #expect(try phone.store.localRecord(key)?["status"] == .string("draft"))
    }

    @Test func unauthorizedRefreshesTheTokenAndNeverDropsTheWrite() async throws {
        let server = FakeSyncServer()
        server.update { $0.validTokens = ["token-2"] }
        let tokens = FakeTokens()
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000), tokens: tokens)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))

        try await phone.syncNow()

        #expect(tokens.refreshCount == 1)
        #expect(phone.accessToken == "token-2")
        #expect(server.applied.count == 1)
        #expect(server.record(key)?["status"] == .string("draft"))
        #expect(try phone.store.outbox().isEmpty)
        #expect(try phone.syncState(of: key) == .synced)
    }

    @Test func aFailingRefreshBacksOffAndKeepsTheWriteUntilItWorks() async throws {
        let server = FakeSyncServer()
        server.update { $0.validTokens = ["token-2"] }
        let tokens = FakeTokens(failingRefreshes: 3)
        let sleeper = SleepRecorder()
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000), tokens: tokens, sleeper: sleeper)
        let id = Fixture.newClaimID()
        try phone.mutate(record: Fixture.claimKey(id), operation: Fixture.draftIntent(id: id))

        try await phone.syncNow()

        #expect(sleeper.recorded == [1, 2, 4])
        #expect(tokens.refreshCount == 4)
        #expect(server.applied.count == 1)
        #expect(try phone.store.outbox().isEmpty)
    }

    @Test func aServerThatKeepsRefusingTheTokenNeverDropsTheWrite() async throws {
        let server = FakeSyncServer()
        server.update { $0.validTokens = [] }
        let tokens = FakeTokens()
        let sleeper = SleepRecorder(limit: 6)
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000), tokens: tokens, sleeper: sleeper)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))

        // The run ends when the (fake) sleep is cancelled after six backoffs.
        try await phone.syncNow()

        #expect(sleeper.recorded == [1, 2, 4, 8, 16, 32, 60])
        #expect(server.applied.isEmpty)
        #expect(try phone.store.outbox().count == 1)
        #expect(try phone.syncState(of: key) == .pending)
        guard case .waitingToRetry(then: .refreshToken(then: .push(batchSize: 1))) = phone.machine.state else {
            Issue.record("expected to wait before refreshing again, got \(phone.machine.state)")
            return
        }
        // Once the server accepts a token again, the write goes through.
        let nextToken = "token-\(tokens.refreshCount + 2)"
        server.update { $0.validTokens = [nextToken] }
        try await phone.syncNow()
        #expect(phone.accessToken == nextToken)
        #expect(server.applied.count == 1)
        #expect(try phone.store.outbox().isEmpty)
    }

    @Test func aRejectedMutationIsSurfacedNotRetried() throws {
        let server = FakeSyncServer()
        let clock = ManualClock(1_000)
        let phone = try Self.client(server, device: "phone-a", clock: clock)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        try phone.start()
        try drive(phone, server)

        // Offline, the participant edits; meanwhile the claim is submitted elsewhere.
        try phone.mutate(record: key, operation: .update(fields: ["reason": .string("retirement")]))
        try server.officeUpdate(key, fields: ["status": .string("submitted")], millis: 2_000)
        let actions = try drive(phone, server)

        #expect(actions.filter { if case .push = $0 { true } else { false } }.count == 1)
        #expect(server.applied.count == 2)
        let rejection = try #require(try phone.store.rejections().first)
        #expect(rejection.rejection.code == "field.locked")
        #expect(rejection.serverRecord?["status"] == .string("submitted"))
        #expect(try phone.syncState(of: key) == .rejected(rejection), "with the reason and the server's record")
        #expect(try phone.store.localRecord(key)?["reason"] == .string("resignation"))
        #expect(try phone.store.outbox().isEmpty)
    }

    @Test func aCounterGapResendsTheOutboxFromTheServersCounter() throws {
        let server = FakeSyncServer()
        // The server already holds five mutations of this device id (say, from a lost install).
        server.update { $0.lastCounter["phone-a"] = 5 }
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000))
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        try phone.mutate(record: key, operation: .update(fields: ["taxNumber": .string(npwp("n"))]))
        try phone.start()
        try drive(phone, server)

        #expect(server.applied.count == 2)
        #expect(server.record(key)?["taxNumber"] == .string(npwp("n")))
        #expect(try phone.store.outbox().isEmpty)
        #expect(try phone.store.nextCounter() == 8)
    }

    @Test func pagedPullsAndAResetBringTheWholeBucket() throws {
        let server = FakeSyncServer()
        let writer = try Self.client(server, device: "phone-w", clock: ManualClock(1_000))
        var keys: [RecordKey] = []
        for _ in 0..<5 {
            let id = Fixture.newClaimID()
            keys.append(Fixture.claimKey(id))
            try writer.mutate(record: Fixture.claimKey(id), operation: Fixture.draftIntent(id: id))
        }
        try writer.start()
        try drive(writer, server)

        let store = try ReplicaStore.inMemory(newDeviceID: "phone-r", wallClock: ManualClock(1_000).read)
        let reader = try SyncClient(store: store, transport: server, tokens: FakeTokens(), pullLimit: 2)
        try reader.start()
        let actions = try drive(reader, server)
        #expect(actions.prefix(3) == [.pull(cursor: 0), .pull(cursor: 2), .pull(cursor: 4)])
        #expect(try reader.store.localRecords(type: "claim").map(\.key) == keys.sorted())

        // The server compacts its log past the reader's cursor: the reader starts over.
        try server.officeUpdate(keys[0], fields: ["status": .string("submitted")], millis: 5_000)
        server.update { $0.retainedFrom = 6 }
        #expect(try reader.poked(cursor: server.cursor) == .pull(cursor: 5))
        let again = try drive(reader, server)
        #expect(again.first == .pull(cursor: 5))
        #expect(again.contains(.pull(cursor: 0)))
        #expect(try reader.store.localRecords(type: "claim").count == 5)
        #expect(try reader.store.localRecord(keys[0])?["status"] == .string("submitted"))
        #expect(reader.machine.cursor == server.cursor)
    }

    @Test func transientPullFailuresAreRetriedAndPermanentOnesStop() throws {
        let server = FakeSyncServer()
        server.update { $0.pullFaults = [.transient("502"), .permanent("410 gone for good")] }
        let phone = try Self.client(server, device: "phone-a", clock: ManualClock(1_000))
        try phone.start()
        let actions = try drive(phone, server)
        #expect(actions == [.pull(cursor: 0), .scheduleRetry(afterSeconds: 1), .pull(cursor: 0), .stop(reason: "410 gone for good")])
        #expect(phone.machine.state == .stopped(reason: "410 gone for good"))
        #expect(try phone.start() == .pull(cursor: 0))
        #expect(try drive(phone, server).last == .idle)
    }
}
