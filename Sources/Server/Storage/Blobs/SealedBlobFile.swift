import Foundation

/// A document's bytes on disk, sealed: the 8 bytes `\0JHTBLB1`, then frames of at most
/// ``frameSize`` bytes of the document, each `plain length (UInt32, big-endian)`,
/// `sealed length (UInt32)`, and the frame sealed by ``AtRestCipher`` for its position
/// (`blob.frame.<n>`), so frames cannot be reordered or moved between places unnoticed.
///
/// A staged upload grows by frames as chunks arrive and can be cut back to any length (the
/// frame it is cut in is sealed again, shorter); a write cut short by a crash leaves a partial
/// last frame, which is not counted and is dropped by the next write. File I/O only: the
/// caller runs it on a thread of its own (``FileBlobStore``).
struct SealedBlobFile {
    static let magic = Data([0x00, 0x4A, 0x48, 0x54, 0x42, 0x4C, 0x42, 0x31])
    static let frameSize = 1 << 20
    static let frameHeaderSize = 8

    struct Frame {
        /// Where its header starts in the file.
        var fileOffset: UInt64
        /// Where its bytes start in the document.
        var plainOffset: Int64
        var plainLength: Int
        var sealedLength: Int
        var index: Int
    }

    /// Why a file does not read.
    enum Damage: Error, CustomStringConvertible {
        case notSealed(String)
        case frame(Int, AtRestCipher.OpenError)
        case length(Int)

        var description: String {
            switch self {
            case .notSealed(let path): "\(path) is not a sealed blob"
            case .frame(let index, let error): "frame \(index): \(error)"
            case .length(let index): "frame \(index) does not open to its stated length"
            }
        }
    }

    let handle: FileHandle
    let path: String
    let cipher: AtRestCipher

    /// Whether the file at `url` begins as a sealed blob does (files written before sealing do not).
    static func isSealed(_ url: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try handle.read(upToCount: magic.count) == magic
    }

    /// Creates (or empties) the file at `url` as a sealed blob with nothing in it.
    static func create(_ url: URL) throws {
        try PrivateFiles.create(url, contents: magic)
    }

    /// The whole frames, in order; a trailing partial frame is left out.
    func frames() throws -> [Frame] {
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        guard try handle.read(upToCount: Self.magic.count) == Self.magic else { throw Damage.notSealed(path) }
        var frames: [Frame] = []
        var offset = UInt64(Self.magic.count)
        var plain: Int64 = 0
        while offset + UInt64(Self.frameHeaderSize) <= size {
            try handle.seek(toOffset: offset)
            guard let header = try handle.read(upToCount: Self.frameHeaderSize), header.count == Self.frameHeaderSize else { break }
            let plainLength = Int(Self.uint32(header, at: 0))
            let sealedLength = Int(Self.uint32(header, at: 4))
            guard offset + UInt64(Self.frameHeaderSize + sealedLength) <= size else { break }
            frames.append(
                Frame(fileOffset: offset, plainOffset: plain, plainLength: plainLength, sealedLength: sealedLength, index: frames.count)
            )
            offset += UInt64(Self.frameHeaderSize + sealedLength)
            plain += Int64(plainLength)
        }
        return frames
    }

    /// How many bytes of the document the file holds.
    func length() throws -> Int64 {
        try frames().last.map { $0.plainOffset + Int64($0.plainLength) } ?? 0
    }

    /// The bytes of one frame.
    func open(_ frame: Frame) throws -> Data {
        try handle.seek(toOffset: frame.fileOffset + UInt64(Self.frameHeaderSize))
        let sealed = try handle.read(upToCount: frame.sealedLength) ?? Data()
        let plain: Data
        do {
            plain = try cipher.open(sealed, for: Self.purpose(frame.index))
        } catch {
            throw Damage.frame(frame.index, error)
        }
        guard plain.count == frame.plainLength else { throw Damage.length(frame.index) }
        return plain
    }

    /// The kids the frames were sealed under.
    func kids() throws -> Set<String> {
        var kids: Set<String> = []
        for frame in try frames() {
            try handle.seek(toOffset: frame.fileOffset + UInt64(Self.frameHeaderSize))
            if let kid = AtRestCipher.kid(of: try handle.read(upToCount: 3 + 255) ?? Data()) { kids.insert(kid) }
        }
        return kids
    }

    /// Calls `body` with the document's bytes, frame by frame.
    func forEachChunk(_ body: (Data) throws -> Void) throws {
        for frame in try frames() { try body(try open(frame)) }
    }

    /// Keeps the first `length` bytes of the document (`length` at most ``length()``) and
    /// appends `bytes` after them, then flushes to disk.
    func write(_ bytes: some Collection<UInt8>, at length: Int64) throws {
        let frames = try frames()
        var index = 0
        var end = UInt64(Self.magic.count)
        if let cut = frames.lastIndex(where: { $0.plainOffset < length }) {
            let frame = frames[cut]
            let keep = Int(length - frame.plainOffset)
            let prefix = keep < frame.plainLength ? try open(frame).prefix(keep) : nil
            index = cut + 1
            end = frame.fileOffset + UInt64(Self.frameHeaderSize + frame.sealedLength)
            if let prefix {
                // Cut inside this frame: seal what is kept of it again, in its place.
                end = frame.fileOffset
                index = cut
                try handle.truncate(atOffset: end)
                try handle.seek(toOffset: end)
                try handle.write(contentsOf: sealFrame(prefix, index: index))
                end = try handle.offsetInFile
                index += 1
            }
        }
        try handle.truncate(atOffset: end)
        try handle.seek(toOffset: end)
        var start = bytes.startIndex
        while start != bytes.endIndex {
            let stop = bytes.index(start, offsetBy: Self.frameSize, limitedBy: bytes.endIndex) ?? bytes.endIndex
            try handle.write(contentsOf: sealFrame(Data(bytes[start..<stop]), index: index))
            index += 1
            start = stop
        }
        try handle.synchronize()
    }

    private func sealFrame(_ plain: Data, index: Int) -> Data {
        let sealed = cipher.seal(plain, for: Self.purpose(index))
        var frame = Data(capacity: Self.frameHeaderSize + sealed.count)
        Self.append(UInt32(plain.count), to: &frame)
        Self.append(UInt32(sealed.count), to: &frame)
        frame.append(sealed)
        return frame
    }

    static func purpose(_ index: Int) -> AtRestCipher.Purpose { .init("\(AtRestCipher.Purpose.blobFrame.rawValue).\(index)") }

    static func uint32(_ data: Data, at offset: Int) -> UInt32 {
        data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func append(_ value: UInt32, to data: inout Data) {
        data.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
