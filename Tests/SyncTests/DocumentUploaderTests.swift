import Foundation
import Models
import PhoneSync
import Sync
import Testing

/// The phone's uploader against a fake tus server: cuts, lost answers, an app kill, an
/// expired upload, a refused file; and the attach mutation pushed only after the upload.
@Suite("Document uploader")
struct DocumentUploaderTests {
    static func phone(_ server: FakeSyncServer, path: String? = nil, clock: ManualClock = ManualClock(1_000)) throws -> SyncClient {
        try SyncClientTests.client(server, device: "phone-a", clock: clock, path: path)
    }

    static func uploader(_ client: SyncClient, _ uploads: FakeUploadServer, sleeper: SleepRecorder = SleepRecorder()) -> DocumentUploader {
        DocumentUploader(
            client: client,
            transport: uploads,
            chunkSize: 16_384,
            backoff: RetryBackoff(jitter: 0, seed: 3),
            sleep: sleeper.sleep
        )
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func cutsAndLostAnswersAtRandomOffsetsEndWithTheWholeFileThenTheAttachIsPushed(seed: UInt64) async throws {
        let server = FakeSyncServer()
        let uploads = FakeUploadServer()
        let phone = try Self.phone(server)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        let file = SampleFile.make(.jpeg, size: 100_000 + Int(seed) * 7_919, seed: seed)
        let queued = try phone.queueDocument(file, kind: .idCard, for: key, maxBytes: 10 * 1_048_576)
        try phone.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))

        // Before the upload: only the draft reaches the server.
        try await phone.syncNow()
        #expect(server.applied.count == 1)
        #expect(try phone.store.outbox().count == 2)

        var generator = SplitMix64(seed: seed)
        uploads.update { state in
            state.faults = [.pass, .loseResponse, .fail(.transient("offline"))]
            for _ in 0..<5 {
                state.faults += [.cutAfter(Int.random(in: 0..<16_384, using: &generator)), .fail(.transient("still offline"))]
            }
        }
        let sleeper = SleepRecorder()
        let summary = try await Self.uploader(phone, uploads, sleeper: sleeper).run()
        #expect(summary.completed == [queued.id])
        let location = try #require(try phone.store.queuedUpload(id: queued.id)?.location)
        #expect(uploads.locations == [location], "one upload, resumed, never started over")
        #expect(uploads.content(of: location).map(DocumentDigest.sha256Hex) == DocumentDigest.sha256Hex(file))
        #expect(uploads.bytesReceived == file.count, "no byte was sent twice")
        #expect(!sleeper.recorded.isEmpty, "it backed off while offline")
        guard case .complete(let uploadID) = try phone.store.queuedUpload(id: queued.id)?.state else {
            Issue.record("the upload must be complete")
            return
        }

        try await phone.syncNow()
        #expect(server.applied.count == 3, "then the attach and the submit, in order")
        #expect(try phone.store.outbox().isEmpty)
        let document = try #require(try phone.store.localModel(Claim.self, id: id)?.documents.first)
        #expect(document.id.rawValue == queued.id)
        #expect(document.uploadID == uploadID)
        #expect(document.sha256 == DocumentDigest.sha256Hex(file))
    }

    @Test func anAppKilledMidUploadResumesFromTheServersOffsetAfterRestart() async throws {
        let (path, cleanup) = try SyncClientTests.temporaryDatabase()
        defer { cleanup() }
        let server = FakeSyncServer()
        let uploads = FakeUploadServer()
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        let file = SampleFile.make(.pdf, size: 80_000, seed: 9)
        let queuedID: UUID
        do {
            let phone = try Self.phone(server, path: path)
            try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
            queuedID = try phone.queueDocument(file, kind: .referenceLetter, for: key, maxBytes: 1_048_576).id
            // POST and two chunks arrive, the third is cut after 5,000 bytes, and while the phone
            // asks for the offset the app is killed.
            uploads.update { $0.faults = [.pass, .pass, .pass, .cutAfter(5_000), .hang] }
            let task = Task { try await Self.uploader(phone, uploads).run() }
            for _ in 0..<500 where !uploads.requests.contains("HEAD") { try await Task.sleep(for: .milliseconds(5)) }
            #expect(uploads.requests == ["POST", "PATCH 0+16384", "PATCH 16384+16384", "PATCH 32768+16384", "HEAD"])
            task.cancel()
            _ = try? await task.value
        }
        // The app starts again: a new replica on the same database, a new uploader.
        let phone = try Self.phone(server, path: path)
        let queued = try #require(try phone.store.queuedUpload(id: queuedID))
        #expect(queued.state == .waiting)
        #expect(queued.location != nil, "the upload's URL survived")
        #expect(queued.confirmedOffset == 32_768)
        let summary = try await Self.uploader(phone, uploads).run()
        #expect(summary.completed == [queuedID])
        #expect(uploads.requests.dropFirst(5).first == "HEAD", "it asked the server before sending again")
        #expect(uploads.requests.dropFirst(6).first == "PATCH 37768+16384", "and continued after the bytes the cut left")
        #expect(uploads.content(of: try #require(queued.location)).map(DocumentDigest.sha256Hex) == DocumentDigest.sha256Hex(file))
        #expect(uploads.bytesReceived == file.count)
        try await phone.syncNow()
        #expect(try phone.store.outbox().isEmpty)
        #expect(server.applied.count == 2)
    }

    @Test func anExpiredUploadStartsOver() async throws {
        let server = FakeSyncServer()
        let uploads = FakeUploadServer()
        let phone = try Self.phone(server)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        let file = SampleFile.make(.png, size: 40_000, seed: 4)
        try phone.queueDocument(file, kind: .bankBook, for: key, maxBytes: 1_048_576)
        uploads.update { $0.faults = [.fail(.transient("x")), .fail(.transient("y")), .forget] }
        let summary = try await Self.uploader(phone, uploads).run()
        #expect(summary.completed.count == 1)
        #expect(uploads.locations.count == 1, "the forgotten upload is gone; the new one has everything")
        #expect(uploads.content(of: try #require(uploads.locations.first)).map(DocumentDigest.sha256Hex) == DocumentDigest.sha256Hex(file))
    }

    @Test func aRefusedFileDropsItsAttachAndTheRestStillSyncs() async throws {
        let server = FakeSyncServer()
        let uploads = FakeUploadServer()
        uploads.update { $0.refuseLargerThan = 1_024 }
        let phone = try Self.phone(server)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        try phone.mutate(record: key, operation: Fixture.draftIntent(id: id))
        let big = try phone.queueDocument(SampleFile.make(.jpeg, size: 2_000), kind: .idCard, for: key, maxBytes: 1_048_576)
        let small = try phone.queueDocument(SampleFile.make(.jpeg, size: 1_000), kind: .selfie, for: key, maxBytes: 1_048_576)
        try phone.mutate(record: key, operation: .update(fields: ["taxNumber": .string("01.234.567.8-901.000")]))
        #expect(try phone.store.outbox().map(\.mutation.counter) == [1, 2, 3, 4])

        let summary = try await Self.uploader(phone, uploads).run()
        #expect(summary.completed == [small.id])
        #expect(summary.failed[big.id]?.code == "upload.tooLarge")
        #expect(
            try phone.store.queuedUpload(id: big.id)?.state
                == .failed(Rejection(code: "upload.tooLarge", message: "A document may be at most 1 KB."))
        )
        #expect(try phone.store.outbox().map(\.mutation.counter) == [1, 2, 3], "the refused attach left; the rest closed the gap")
        #expect(try phone.syncState(of: key).rejection?.rejection.code == "upload.tooLarge", "the claim shows the refusal")
        #expect(try phone.store.rejections().first?.rejection.code == "upload.tooLarge")

        try await phone.syncNow()
        #expect(server.applied.count == 3, "no counter gap: everything else arrived")
        #expect(try phone.store.outbox().isEmpty)
        let claim = try #require(try phone.store.localModel(Claim.self, id: id))
        #expect(claim.documents.map(\.id.rawValue) == [small.id])
        #expect(claim.taxNumber == "01.234.567.8-901.000")
    }
}
