import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import NIOHTTP1
import PhoneSync
import Server
import Sync
import Testing

/// An upload cut off at random offsets continues from the offset the server kept, and the
/// document comes out whole.
@Suite("Resuming cut uploads")
struct UploadResumeTests {
    let siti = Demo.person("Siti Rahayu")

    /// The body of a request that breaks off after `cut` bytes (the network went away).
    struct Cut: Error {}

    static func body(
        _ bytes: ArraySlice<UInt8>,
        cutAfter cut: Int?,
        piece: Int = 4_096
    ) -> AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
        AsyncThrowingStream { continuation in
            var sent = 0
            let end = min(cut ?? bytes.count, bytes.count)
            while sent < end {
                let size = min(piece, end - sent)
                continuation.yield(bytes[(bytes.startIndex + sent)..<(bytes.startIndex + sent + size)])
                sent += size
            }
            if cut != nil, cut! < bytes.count { continuation.finish(throwing: Cut()) } else { continuation.finish() }
        }
    }

    @Test(arguments: [1, 2, 3])
    func cutsAtRandomOffsetsKeepWhatArrivedAndTheResumedFileIsWhole(seed: UInt64) async throws {
        let store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)
        let blobs = try temporaryBlobStore()
        let service = UploadService(store: store, blobs: blobs, limits: UploadLimits(), logger: Logger(label: "test"), now: { Date() })
        let owner = siti.participant.id
        var generator = SplitMix64(seed: seed)
        let file = SampleFile.make(.jpeg, size: 300_000 + Int.random(in: 0..<50_000, using: &generator), seed: seed)
        let upload = try await service.create(
            length: Int64(file.count),
            deferLength: nil,
            metadata: tusMetadata(["sha256": SampleFile.sha256(file), "kind": "idCard"]),
            by: owner
        )
        var offset = 0
        var cuts = 0
        while offset < file.count {
            // Each attempt sends the rest of the file and is cut somewhere in it, until one gets through.
            let remaining = file.count - offset
            let cut: Int? = cuts < 6 ? Int.random(in: 0..<remaining, using: &generator) : nil
            let before = offset
            let after = try await service.patch(
                upload.id,
                offset: Int64(offset),
                contentLength: Int64(remaining),
                checksum: nil,
                body: Self.body(file[offset...], cutAfter: cut),
                by: owner
            )
            let status = try await service.upload(upload.id, for: owner)
            #expect(status.offset == after.offset, "HEAD reports what the PATCH kept")
            if let cut {
                cuts += 1
                // Every byte that arrived is kept, except a first chunk too short to show its type.
                let expected = before == 0 && cut < DocumentFormat.signatureLength ? 0 : before + cut
                #expect(after.offset == Int64(expected))
                #expect(try await blobs.stagedLength(upload: upload.id) ?? 0 == after.offset, "the staged bytes match the offset")
            } else {
                #expect(after.isComplete)
            }
            offset = Int(after.offset)
        }
        #expect(cuts == 6)
        let whole = try #require(try await store.upload(id: upload.id))
        #expect(whole.isComplete && whole.verified)
        #expect(try await blobs.get(sha256: SampleFile.sha256(file)) == Data(file))
    }

    @Test func aCutChunkWithAChecksumKeepsNothing() async throws {
        let store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)
        let blobs = InMemoryBlobStore()
        let service = UploadService(store: store, blobs: blobs, limits: UploadLimits(), logger: Logger(label: "test"), now: { Date() })
        let file = SampleFile.make(.pdf, size: 50_000)
        let upload = try await service.create(length: Int64(file.count), deferLength: nil, metadata: nil, by: siti.participant.id)
        let after = try await service.patch(
            upload.id,
            offset: 0,
            contentLength: Int64(file.count),
            checksum: DocumentDigest.uploadChecksum(file),
            body: Self.body(file[...], cutAfter: 30_000),
            by: siti.participant.id
        )
        #expect(after.offset == 0, "a chunk that cannot be checked is not kept")
        #expect(try await blobs.stagedLength(upload: upload.id) ?? 0 == 0)
    }

    /// The same over a real socket: the client's connection drops in the middle of a PATCH.
    @Test func aConnectionDroppedMidChunkResumesFromTheServersOffset() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.png, size: 2_000_000, seed: 11)
            let location = try #require(
                try await client.createUpload(token: tokens.access, length: file.count, metadata: ["sha256": SampleFile.sha256(file)])
                    .headers[.location]
            )
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = http.shutdown() }
            var generator = SplitMix64(seed: 5)
            var offset = 0
            for _ in 0..<3 {
                let cut = offset + Int.random(in: 100_000..<400_000, using: &generator)
                var request = HTTPClientRequest(url: base + location)
                request.method = .PATCH
                request.headers.add(name: "Tus-Resumable", value: "1.0.0")
                request.headers.add(name: "Authorization", value: "Bearer \(tokens.access)")
                request.headers.add(name: "Content-Type", value: "application/offset+octet-stream")
                request.headers.add(name: "Upload-Offset", value: String(offset))
                let rest = file[offset...]
                let stream = Self.body(file[offset..<cut], cutAfter: cut - offset - 1, piece: 16_384).map { ByteBuffer(bytes: $0) }
                request.body = .stream(stream, length: .known(Int64(rest.count)))
                await #expect(throws: (any Error).self) { _ = try await http.execute(request, timeout: .seconds(10)) }
                // The server notices the cut; ask it how far it got.
                var reported = -1
                for _ in 0..<100 {
                    let head = try await client.headUpload(location, token: tokens.access)
                    reported = Int(head.headers[.uploadOffset] ?? "") ?? -1
                    if reported > offset { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(reported > offset, "bytes that arrived before the cut were kept")
                #expect(reported < cut, "nothing beyond what was sent")
                offset = reported
            }
            let last = try await client.patchUpload(location, offset: offset, bytes: Array(file[offset...]), token: tokens.access)
            #expect(last.status == .noContent)
            #expect(last.headers[.uploadOffset] == String(file.count))
            #expect(try await blobs.get(sha256: SampleFile.sha256(file)) == Data(file))
        }
    }
}
