import Foundation
import Testing

@testable import Server

/// Sealed blob files: written in frames, cut back anywhere, read whole; a partial last frame
/// (a crash mid-write) is not counted.
@Suite("Sealed blob files")
struct SealedBlobFileTests {
    let cipher = AtRestCipher.ephemeral()

    func withFile(_ body: (URL, SealedBlobFile) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-blob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("blob")
        try SealedBlobFile.create(url)
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try body(url, SealedBlobFile(handle: handle, path: url.path, cipher: cipher))
    }

    func read(_ file: SealedBlobFile) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try file.forEachChunk { bytes += $0 }
        return bytes
    }

    func overwrite(_ file: SealedBlobFile, with data: Data) throws {
        try file.handle.truncate(atOffset: 0)
        try file.handle.seek(toOffset: 0)
        try file.handle.write(contentsOf: data)
    }

    @Test func framesGrowAndCutBackAnywhere() throws {
        let text = Array("NIK 3273012304850001 KPJ 12345678901".utf8)
        let big = (0..<(SealedBlobFile.frameSize + 10)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try withFile { url, file in
            try file.write(text, at: 0)
            try file.write(big, at: Int64(text.count))
            #expect(try file.frames().count == 3)
            #expect(try file.length() == Int64(text.count + big.count))
            #expect(try read(file) == text + big)
            let raw = try Data(contentsOf: url)
            #expect(raw.range(of: Data("3273012304850001".utf8)) == nil && raw.starts(with: SealedBlobFile.magic))
            #expect(try SealedBlobFile.isSealed(url))

            // Cut inside the second frame, then write on.
            try file.write([1, 2, 3], at: Int64(text.count + 100))
            #expect(try read(file) == text + big.prefix(100) + [1, 2, 3])
            // Cut at a frame's end, and back to nothing.
            try file.write([], at: Int64(text.count))
            #expect(try read(file) == text)
            try file.write([9], at: 0)
            #expect(try read(file) == [9])
        }
    }

    @Test func aPartialLastFrameIsNotCountedAndTheNextWriteDropsIt() throws {
        try withFile { url, file in
            try file.write(Array("abc".utf8), at: 0)
            let whole = try Data(contentsOf: url)
            try file.write(Array("defgh".utf8), at: 3)
            let grown = try Data(contentsOf: url)
            try overwrite(file, with: grown.prefix(whole.count + 12))  // a crash mid-frame
            #expect(try file.length() == 3)
            try file.write(Array("xy".utf8), at: 3)
            #expect(try read(file) == Array("abcxy".utf8))
        }
    }

    @Test func framesCannotBeSwapped() throws {
        try withFile { url, file in
            try file.write(Array(repeating: 0x41, count: SealedBlobFile.frameSize + 1), at: 0)
            let frames = try file.frames()
            var raw = try Data(contentsOf: url)
            let first = raw[Int(frames[0].fileOffset)..<Int(frames[1].fileOffset)]
            let second = raw[Int(frames[1].fileOffset)...]
            raw = SealedBlobFile.magic + second + first
            try overwrite(file, with: raw)
            #expect(throws: SealedBlobFile.Damage.self) { try read(file) }
        }
    }
}
