import Foundation
import Models
import PhoneSync
import Server
import Sync
import Testing

/// One contract for every blob store: the folder on disk and the in-memory object store.
enum BlobStoreFactory: String, CaseIterable, CustomTestStringConvertible {
    case folder
    case inMemory

    var testDescription: String { rawValue }

    func make() throws -> any BlobStore {
        switch self {
        case .folder: try temporaryBlobStore()
        case .inMemory: InMemoryBlobStore()
        }
    }
}

@Suite("Blob store contract")
struct BlobStoreContractTests {
    @Test(arguments: BlobStoreFactory.allCases)
    func stagingGrowsCutsBackAndBecomesAContentAddressedBlob(_ factory: BlobStoreFactory) async throws {
        let blobs = try factory.make()
        let upload = UUID()
        let file = SampleFile.make(.pdf, size: 10_000)
        #expect(try await blobs.stagedLength(upload: upload) == nil)
        try await blobs.stage(Array(file[0..<4_000]), upload: upload, at: 0)
        try await blobs.stage(Array(file[4_000..<7_000]), upload: upload, at: 4_000)
        #expect(try await blobs.stagedLength(upload: upload) == 7_000)
        // A write at an earlier offset replaces what follows it.
        try await blobs.stage(Array(file[6_000..<10_000]), upload: upload, at: 6_000)
        #expect(try await blobs.stagedLength(upload: upload) == 10_000)
        await #expect(throws: BlobStoreError.self) { try await blobs.stage([1], upload: upload, at: 10_001) }
        try await blobs.truncateStaged(upload: upload, to: 10_000)
        let sha = try await blobs.stagedSHA256(upload: upload)
        #expect(sha == DocumentDigest.sha256Hex(file))
        #expect(try await blobs.exists(sha256: sha) == false)
        try await blobs.promote(upload: upload, sha256: sha)
        #expect(try await blobs.stagedLength(upload: upload) == nil)
        #expect(try await blobs.get(sha256: sha) == Data(file))

        // The same content again is kept once.
        let again = UUID()
        try await blobs.stage(file, upload: again, at: 0)
        try await blobs.promote(upload: again, sha256: sha)
        #expect(try await blobs.put(file) == sha)
        #expect(try await blobs.get(sha256: sha) == Data(file))
        try await blobs.remove(sha256: sha)
        #expect(try await blobs.exists(sha256: sha) == false)
        #expect(try await blobs.get(sha256: sha) == nil)
    }

    @Test(arguments: BlobStoreFactory.allCases)
    func truncationAndDiscardDropStagedBytes(_ factory: BlobStoreFactory) async throws {
        let blobs = try factory.make()
        let upload = UUID()
        try await blobs.stage(Array(repeating: 7, count: 1_000), upload: upload, at: 0)
        try await blobs.truncateStaged(upload: upload, to: 250)
        #expect(try await blobs.stagedLength(upload: upload) == 250)
        try await blobs.discardStaged(upload: upload)
        #expect(try await blobs.stagedLength(upload: upload) == nil)
        try await blobs.discardStaged(upload: upload)  // Nothing there: no error.
    }

    @Test(arguments: BlobStoreFactory.allCases)
    func namesThatAreNotDigestsAreRefused(_ factory: BlobStoreFactory) async throws {
        let blobs = try factory.make()
        for name in ["../../etc/passwd", String(repeating: "A", count: 64), "abc", String(repeating: "g", count: 64)] {
            await #expect(throws: BlobStoreError.invalidDigest) { _ = try await blobs.get(sha256: name) }
        }
    }
}
