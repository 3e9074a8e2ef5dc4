import Foundation
import Models
import Server
import Testing

/// The upload half of the store contract, against every store.
@Suite("Upload store contract")
struct UploadStoreContractTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let owner = DemoData.people[0].account.participant.id
    let other = DemoData.people[1].account.participant.id

    func upload(owner: Participant.ID, length: Int64 = 1_000, createdAt: Date? = nil) -> UploadRecord {
        let created = createdAt ?? now
        return UploadRecord(
            id: UUID(),
            owner: owner,
            length: length,
            metadata: UploadMetadata(filename: "ktp.jpg", filetype: "image/jpeg", claimID: UUID(), kind: .idCard, sha256: nil),
            createdAt: created,
            expiresAt: created.addingTimeInterval(3_600)
        )
    }

    @Test(arguments: StoreFactory.allCases)
    func anUploadRoundTripsAndAdvancesOnlyFromTheExpectedOffset(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let record = upload(owner: owner)
        try await store.insert(upload: record)
        #expect(try await store.upload(id: record.id) == record)
        #expect(try await store.upload(id: UUID()) == nil)
        #expect(try await store.openUploadCount(owner: owner) == 1)
        #expect(try await store.openUploadCount(owner: other) == 0)

        #expect(try await store.advance(uploadID: record.id, from: 0, to: 400, format: .jpeg))
        #expect(try await store.advance(uploadID: record.id, from: 0, to: 500, format: .jpeg) == false, "another request moved it")
        #expect(try await store.advance(uploadID: record.id, from: 400, to: 1_001, format: nil) == false, "never past the length")
        let advanced = try #require(try await store.upload(id: record.id))
        #expect(advanced.offset == 400)
        #expect(advanced.format == .jpeg)

        let sha = String(repeating: "c", count: 64)
        #expect(try await store.complete(uploadID: record.id, from: 0, format: .jpeg, sha256: sha, verified: true, at: now) == false)
        #expect(try await store.complete(uploadID: record.id, from: 400, format: .jpeg, sha256: sha, verified: true, at: now))
        let whole = try #require(try await store.upload(id: record.id))
        #expect(whole.isComplete && whole.verified && whole.offset == 1_000 && whole.sha256 == sha)
        #expect(try await store.openUploadCount(owner: owner) == 0)
        #expect(try await store.advance(uploadID: record.id, from: 1_000, to: 1_000, format: nil) == false, "a whole upload does not move")
        #expect(try await store.uploadCount(sha256: sha) == 1)
        #expect(try await store.deleteUpload(id: record.id))
        #expect(try await store.deleteUpload(id: record.id) == false)
        #expect(try await store.uploadCount(sha256: sha) == 0)
    }

    @Test(arguments: StoreFactory.allCases)
    func expiryCandidatesAreTheDueOnesOldestFirst(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let old = upload(owner: owner, createdAt: now.addingTimeInterval(-7_200))
        let fresh = upload(owner: other, createdAt: now)
        let done = upload(owner: owner, createdAt: now.addingTimeInterval(-100_000))
        let kept = upload(owner: owner, createdAt: now.addingTimeInterval(-90_000))
        for record in [fresh, old, done, kept] { try await store.insert(upload: record) }
        let sha = String(repeating: "d", count: 64)
        #expect(
            try await store.complete(
                uploadID: done.id,
                from: 0,
                format: .pdf,
                sha256: sha,
                verified: false,
                at: now.addingTimeInterval(-99_000)
            )
        )
        #expect(
            try await store.complete(
                uploadID: kept.id,
                from: 0,
                format: .pdf,
                sha256: sha,
                verified: false,
                at: now.addingTimeInterval(-89_000)
            )
        )
        try await store.retain(uploadID: kept.id)

        #expect(try await store.expiredPartialUploads(before: now, limit: 10).map(\.id) == [old.id])
        #expect(try await store.expiredPartialUploads(before: now.addingTimeInterval(7_200), limit: 10).map(\.id) == [old.id, fresh.id])
        #expect(try await store.expiredPartialUploads(before: now.addingTimeInterval(7_200), limit: 1).map(\.id) == [old.id])
        #expect(try await store.unretainedUploads(finishedBefore: now, limit: 10).map(\.id) == [done.id])
        #expect(try await store.uploads(owner: owner).map(\.id) == [done.id, kept.id, old.id])
        #expect(try await store.upload(id: kept.id)?.retained == true)
        #expect(try await store.uploadCount(sha256: sha) == 2)
    }
}
