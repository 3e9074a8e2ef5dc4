import Foundation
import Models
import PhoneSync
import Sync
import Testing

/// The upload queue next to the outbox: a document's attach mutation keeps its place in the
/// outbox but is not pushed before its upload completes.
@Suite("Upload queue")
struct UploadQueueTests {
    @Test func aQueuedDocumentHoldsItsAttachMutationInPlace() throws {
        let (store, key) = try ReplicaStoreTests.replicaWithDraft()
        let file = SampleFile.make(.jpeg, size: 5_000)
        let queued = try store.queueDocument(file, kind: .idCard, for: key, filename: "ktp.jpg", maxBytes: 10 * 1_048_576)
        try store.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))

        #expect(queued.format == .jpeg, "recognised from the content")
        #expect(queued.sha256 == DocumentDigest.sha256Hex(file))
        #expect(queued.state == .waiting)
        #expect(try store.queuedUploads() == [queued])
        #expect(try store.outbox().map(\.mutation.counter) == [1, 2, 3])
        #expect(try store.sendableCount() == 1, "only the draft goes before the held attach")
        let request = try #require(try store.beginPush(limit: 100))
        #expect(request.mutations.map(\.counter) == [1])
        // The claim shows the document at once.
        let documents = try #require(try store.localModel(Claim.self, id: key.id)?.documents)
        #expect(documents.map(\.id.rawValue) == [queued.id])
        #expect(documents.first?.kind == .idCard)
        #expect(documents.first?.byteCount == 5_000)
    }

    @Test func limitsAreCheckedOnThePhoneBeforeAnyByteLeaves() throws {
        let (store, key) = try ReplicaStoreTests.replicaWithDraft()
        let big = SampleFile.make(.pdf, size: 3 * 1_048_576 + 1)
        #expect {
            try store.queueDocument(big, kind: .passport, for: key, maxBytes: 3 * 1_048_576)
        } throws: { error in
            let rejection = error as? Rejection
            return rejection?.code == "document.tooLarge" && rejection?.message.contains("3 MB") == true
        }
        #expect(throws: Rejection(code: "document.type", message: "Documents are JPEG or PNG photos or PDF files.", fields: ["document"])) {
            try store.queueDocument(Data("GIF89a-not-a-document".utf8), kind: .idCard, for: key, maxBytes: 1_000)
        }
        #expect { try store.queueDocument(SampleFile.make(.pdf, size: 100), kind: .selfie, for: key, maxBytes: 1_000) } throws: {
            ($0 as? Rejection)?.code == "document.selfieNotPhoto"
        }
        #expect {
            try store.queueDocument(
                SampleFile.make(.png, size: 100),
                kind: .idCard,
                for: Fixture.claimKey(UUID().uuidString),
                maxBytes: 1_000
            )
        } throws: {
            ($0 as? Rejection)?.code == "claim.notFound"
        }
        #expect(try store.queuedUploads().isEmpty)
        #expect(try store.outbox().count == 1, "nothing was queued")
    }

    @Test func theQueueSurvivesARestart() throws {
        let (path, cleanup) = try SyncClientTests.temporaryDatabase()
        defer { cleanup() }
        let clock = ManualClock(1_000)
        let id = Fixture.newClaimID()
        let key = Fixture.claimKey(id)
        let queued: QueuedUpload
        do {
            let store = try ReplicaStore.file(at: path, newDeviceID: "phone-a", wallClock: clock.read)
            try store.mutate(record: key, operation: Fixture.draftIntent(id: id))
            queued = try store.queueDocument(SampleFile.make(.png, size: 2_000), kind: .bankBook, for: key, maxBytes: 10_000)
            _ = try store.beginPush(limit: 10)  // In flight when the app is killed.
        }
        let reopened = try ReplicaStore.file(at: path, newDeviceID: "ignored", wallClock: clock.read)
        #expect(try reopened.queuedUploads() == [queued])
        #expect(try reopened.outbox().count == 2)
        #expect(try reopened.sendableCount() == 1)
        #expect(try reopened.localModel(Claim.self, id: id)?.documents.map(\.id.rawValue) == [queued.id])
    }
}
