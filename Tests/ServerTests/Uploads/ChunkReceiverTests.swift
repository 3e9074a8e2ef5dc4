import Crypto
import Foundation
import Models
import Server
import Sync
import Testing

/// The chunk rules without any I/O.
@Suite("Chunk receiver")
struct ChunkReceiverTests {
    let all = Set(DocumentFormat.allCases)

    @Test func bytesAreWritableOnlyOnceTheTypeIsRecognised() throws {
        var receiver = ChunkReceiver(startOffset: 0, length: 100, format: nil, declared: .png, allowed: all, checksum: nil)
        let png = SampleFile.make(.png, size: 100)
        try receiver.receive(png[0..<5])
        #expect(receiver.format == nil)
        #expect(receiver.takeWritable().isEmpty, "5 bytes cannot tell a PNG yet")
        try receiver.receive(png[5..<40])
        #expect(receiver.format == .png)
        #expect(receiver.takeWritable(minimum: 100).isEmpty, "waits for a batch")
        #expect(receiver.takeWritable().count == 40)
        #expect(receiver.finish(interrupted: true) == .keep(offset: 40, format: .png))
    }

    @Test func aCutBeforeTheTypeIsKnownKeepsNothing() throws {
        var receiver = ChunkReceiver(startOffset: 0, length: 100, format: nil, declared: nil, allowed: all, checksum: nil)
        try receiver.receive(Array("%PD".utf8))
        #expect(receiver.finish(interrupted: true) == .keep(offset: 0, format: nil))
    }

    @Test func aDisguisedOrUnknownTypeIsRefusedAtTheFirstBytes() {
        var disguised = ChunkReceiver(startOffset: 0, length: 100, format: nil, declared: .jpeg, allowed: all, checksum: nil)
        #expect(throws: ChunkReceiver.Refusal.disguisedType(declared: .jpeg, actual: .pdf)) {
            try disguised.receive(SampleFile.make(.pdf, size: 10))
        }
        #expect(disguised.finish(interrupted: false) == .refuse(.disguisedType(declared: .jpeg, actual: .pdf)))
        var unknown = ChunkReceiver(startOffset: 0, length: 100, format: nil, declared: nil, allowed: all, checksum: nil)
        #expect(throws: ChunkReceiver.Refusal.unrecognisedType) { try unknown.receive(Array("GIF89a..".utf8)) }
        var notAllowed = ChunkReceiver(startOffset: 0, length: 100, format: nil, declared: nil, allowed: [.pdf], checksum: nil)
        #expect(throws: ChunkReceiver.Refusal.typeNotAllowed(.png)) { try notAllowed.receive(SampleFile.make(.png, size: 9)) }
    }

    @Test func aTinyWholeFileIsJudgedOnWhatThereIs() throws {
        var receiver = ChunkReceiver(startOffset: 0, length: 4, format: nil, declared: nil, allowed: all, checksum: nil)
        try receiver.receive([0xFF, 0xD8, 0xFF, 0xE0])
        #expect(receiver.format == .jpeg)
        var short = ChunkReceiver(startOffset: 0, length: 3, format: nil, declared: nil, allowed: all, checksum: nil)
        #expect(throws: ChunkReceiver.Refusal.unrecognisedType) { try short.receive(Array("%PD".utf8)) }
    }

    @Test func noByteBeyondTheLength() throws {
        var receiver = ChunkReceiver(startOffset: 90, length: 100, format: .pdf, declared: nil, allowed: all, checksum: nil)
        try receiver.receive([UInt8](repeating: 1, count: 10))
        #expect(throws: ChunkReceiver.Refusal.exceedsLength(length: 100)) { try receiver.receive([1]) }
        #expect(receiver.finish(interrupted: false) == .refuse(.exceedsLength(length: 100)))
    }

    @Test func theChecksumDecidesAWholeChunkAndACutCheckedChunkKeepsNothing() throws {
        let chunk = [UInt8](repeating: 42, count: 1_000)
        let good = UploadChecksum(algorithm: .sha256, digest: Array(SHA256.hash(data: chunk)))
        var matching = ChunkReceiver(startOffset: 500, length: 5_000, format: .jpeg, declared: nil, allowed: all, checksum: good)
        try matching.receive(chunk[0..<600])
        try matching.receive(chunk[600...])
        #expect(matching.finish(interrupted: false) == .keep(offset: 1_500, format: .jpeg))

        var damaged = ChunkReceiver(startOffset: 500, length: 5_000, format: .jpeg, declared: nil, allowed: all, checksum: good)
        try damaged.receive(chunk.dropLast() + [43])
        #expect(damaged.finish(interrupted: false) == .refuse(.checksumMismatch))

        var cut = ChunkReceiver(startOffset: 500, length: 5_000, format: .jpeg, declared: nil, allowed: all, checksum: good)
        try cut.receive(chunk[0..<300])
        #expect(cut.finish(interrupted: true) == .keep(offset: 500, format: .jpeg))

        let sha1 = UploadChecksum(algorithm: .sha1, digest: Array(Insecure.SHA1.hash(data: chunk)))
        var legacy = ChunkReceiver(startOffset: 0, length: 1_000, format: .jpeg, declared: nil, allowed: all, checksum: sha1)
        try legacy.receive(chunk)
        #expect(legacy.finish(interrupted: false) == .keep(offset: 1_000, format: .jpeg))
    }

    @Test func checksumHeadersAreRead() throws {
        let digest = Array(SHA256.hash(data: [1, 2, 3]))
        #expect(
            try UploadChecksum(header: "sha256 " + Data(digest).base64EncodedString()) == UploadChecksum(algorithm: .sha256, digest: digest)
        )
        #expect(throws: Problem.self) { try UploadChecksum(header: "md5 AAAA") }
        #expect(throws: Problem.self) { try UploadChecksum(header: "sha256 not-base64!") }
        #expect(throws: Problem.self) { try UploadChecksum(header: "sha256") }
    }
}
