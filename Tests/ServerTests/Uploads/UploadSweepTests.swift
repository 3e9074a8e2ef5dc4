import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Server
import Sync
import Testing

/// Uploads nobody references expire: partial ones when their time runs out, finished ones
/// no claim lists after a longer time; referenced ones stay.
@Suite("Upload expiry")
struct UploadSweepTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func partialAndUnreferencedUploadsGoReferencedOnesStay() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        let limits = server.configuration.uploads
        let uploads = UploadService(store: server.store, blobs: blobs, limits: limits, logger: Logger(label: "test"), now: { Date() })
        let sweeper = UploadSweeper(uploads: uploads, logger: Logger(label: "test"))
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let shared = SampleFile.make(.jpeg, size: 4_000, seed: 21)
            let attached = try await client.uploadDocument(shared, kind: .idCard, claimID: claimID, token: tokens.access)
            let sameContent = try await client.uploadDocument(shared, kind: .idCard, token: tokens.access)
            let unreferenced = try await client.uploadDocument(
                SampleFile.make(.png, size: 3_000, seed: 22),
                kind: .bankBook,
                token: tokens.access
            )
            let partialFile = SampleFile.make(.pdf, size: 9_000, seed: 23)
            let partial = try #require(try await client.createUpload(token: tokens.access, length: partialFile.count).headers[.location])
            _ = try await client.patchUpload(partial, offset: 0, bytes: Array(partialFile[0..<4_000]), token: tokens.access)
            _ = try await client.push(
                [
                    phone.intent(
                        .createClaimDraft,
                        ["claimID": .string(claimID.uuidString), "reason": "resignation"],
                        record: Claim.key(claimID)
                    ),
                    phone.intent(.attachDocument, attachArguments(claimID: claimID, location: attached), record: Claim.key(claimID)),
                ],
                device: phone.id,
                token: tokens.access
            )

            // Nothing is due yet.
            #expect(try await sweeper.sweep(now: Date()) == UploadSweeper.Report())

            // A day later the partial upload has expired.
            let dayLater = Date().addingTimeInterval(TimeInterval(limits.partialLifetimeSeconds) + 60)
            let first = try await sweeper.sweep(now: dayLater)
            #expect(first.expiredPartial == 1)
            #expect(first.unreferenced == 0)
            #expect(try await server.store.upload(id: uploadID(partial)) == nil)
            #expect(try await blobs.stagedLength(upload: uploadID(partial)) == nil)

            // After the unreferenced lifetime the finished uploads no claim lists go; the attached one stays.
            let monthLater = Date().addingTimeInterval(TimeInterval(limits.unreferencedLifetimeSeconds) + 60)
            let second = try await sweeper.sweep(now: monthLater)
            #expect(second.unreferenced == 1, "only the bank book nobody attached")
            #expect(try await server.store.upload(id: uploadID(unreferenced)) == nil)
            #expect(try await blobs.exists(sha256: SampleFile.sha256(SampleFile.make(.png, size: 3_000, seed: 22))) == false)
            #expect(try await server.store.upload(id: uploadID(attached)) != nil)
            // The second upload of the attached content counts as referenced (same content): kept and retained.
            #expect(second.retained == 1)
            #expect(try await server.store.upload(id: uploadID(sameContent))?.retained == true)
            #expect(try await blobs.exists(sha256: SampleFile.sha256(shared)))
            #expect(try await sweeper.sweep(now: monthLater) == UploadSweeper.Report(), "retained uploads are not looked at again")

            // The claim can still show its document.
            let read = try await client.executeRequest(
                uri: "/v1/claims/\(claimID.uuidString)/documents/\(uploadID(attached).uuidString)",
                method: .get,
                headers: [.authorization: "Bearer \(tokens.access)"],
                body: nil
            )
            #expect(read.status == .ok)
        }
    }

    @Test func aBlobSharedByTwoUploadsStaysUntilTheLastOneGoes() async throws {
        let store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)
        let blobs = InMemoryBlobStore()
        let limits = UploadLimits()
        let service = UploadService(store: store, blobs: blobs, limits: limits, logger: Logger(label: "test"), now: { Date() })
        let file = SampleFile.make(.jpeg, size: 2_000)
        var ids: [UUID] = []
        for _ in 0..<2 {
            let upload = try await service.create(length: Int64(file.count), deferLength: nil, metadata: nil, by: siti.participant.id)
            _ = try await service.patch(
                upload.id,
                offset: 0,
                contentLength: Int64(file.count),
                checksum: nil,
                body: UploadResumeTests.body(file[...], cutAfter: nil),
                by: siti.participant.id
            )
            ids.append(upload.id)
        }
        try await service.terminate(ids[0], by: siti.participant.id)
        #expect(try await blobs.exists(sha256: SampleFile.sha256(file)), "the other upload still has it")
        try await service.terminate(ids[1], by: siti.participant.id)
        #expect(try await blobs.exists(sha256: SampleFile.sha256(file)) == false)
    }
}
