import Models

/// What one PATCH of a tus upload may keep, decided as its bytes arrive: a value-type state
/// machine with no I/O. The caller feeds each piece of the body to ``receive(_:)``, writes
/// what ``takeWritable(minimum:)`` hands out to the staging area, and at the end asks
/// ``finish(interrupted:)`` how many bytes to keep.
///
/// Rules:
/// - No byte beyond the announced length.
/// - The first bytes of the file must be a JPEG, PNG or PDF, and the type the sender named
///   (if any) must be the one the bytes show; no byte is kept before the type is recognised.
/// - With a chunk checksum, the chunk is kept only whole and matching; an interrupted chunk
///   without one keeps what arrived (the client resumes from there).
public struct ChunkReceiver: Sendable {
    /// Why the chunk is refused; the staged bytes go back to ``startOffset``.
    public enum Refusal: Hashable, Sendable, Error {
        /// More bytes than the announced length.
        case exceedsLength(length: Int64)
        /// The content is no accepted format.
        case unrecognisedType
        /// The content is a different format from the one the sender named.
        case disguisedType(declared: DocumentFormat, actual: DocumentFormat)
        /// The format is not among those accepted.
        case typeNotAllowed(DocumentFormat)
        /// The chunk does not match its checksum.
        case checksumMismatch
    }

    /// The outcome of a whole (or interrupted) chunk.
    public enum Outcome: Hashable, Sendable {
        /// Keep the staged content up to `offset`.
        case keep(offset: Int64, format: DocumentFormat?)
        /// Keep nothing of this chunk.
        case refuse(Refusal)
    }

    /// The upload's offset when the chunk began.
    public let startOffset: Int64
    /// The upload's announced length.
    public let length: Int64
    let declared: DocumentFormat?
    let allowed: Set<DocumentFormat>
    let checksum: UploadChecksum?
    /// The format, once recognised (or already known from an earlier chunk).
    public private(set) var format: DocumentFormat?
    /// Bytes received in this chunk so far.
    public private(set) var received: Int64 = 0
    /// Bytes handed out for writing so far.
    public private(set) var written: Int64 = 0
    private var pending: [UInt8] = []
    private var hasher: UploadChecksum.Hasher?
    private var refusal: Refusal?

    /// - Parameters:
    ///   - startOffset: the upload's offset (`Upload-Offset` of the request).
    ///   - length: the upload's announced length.
    ///   - format: the format recognised by an earlier chunk, if any.
    ///   - declared: the format the sender named (`filetype`), if any.
    ///   - allowed: the formats accepted.
    ///   - checksum: the chunk's expected checksum, if sent.
    public init(
        startOffset: Int64,
        length: Int64,
        format: DocumentFormat?,
        declared: DocumentFormat?,
        allowed: Set<DocumentFormat>,
        checksum: UploadChecksum?
    ) {
        self.startOffset = startOffset
        self.length = length
        self.format = format
        self.declared = declared
        self.allowed = allowed
        self.checksum = checksum
        self.hasher = checksum.map { UploadChecksum.Hasher($0.algorithm) }
    }

    /// The offset the upload reaches if every byte received so far is kept.
    public var reachedOffset: Int64 { startOffset + received }

    /// Takes the next piece of the body. Once refused, the chunk stays refused.
    /// - Throws: the ``Refusal`` as soon as the bytes break a rule.
    public mutating func receive(_ bytes: ArraySlice<UInt8>) throws(Refusal) {
        if let refusal { throw refusal }
        guard Int64(bytes.count) <= length - reachedOffset else { return try refuse(.exceedsLength(length: length)) }
        received += Int64(bytes.count)
        bytes.withUnsafeBytes { hasher?.update($0) }
        pending.append(contentsOf: bytes)
        try recogniseIfPossible(isWholeFile: reachedOffset == length)
    }

    /// Takes the next piece of the body (see ``receive(_:)-(ArraySlice<UInt8>)``).
    public mutating func receive(_ bytes: [UInt8]) throws(Refusal) { try receive(bytes[...]) }

    /// Bytes ready to be staged (at ``written`` past ``startOffset``), once at least `minimum`
    /// have gathered; empty otherwise. Nothing is writable before the format is known.
    public mutating func takeWritable(minimum: Int = 1) -> [UInt8] {
        guard format != nil, refusal == nil, !pending.isEmpty, pending.count >= minimum else { return [] }
        let out = pending
        pending.removeAll(keepingCapacity: true)
        written += Int64(out.count)
        return out
    }

    /// The end of the body: whole (`interrupted == false`) or cut off. Take the last
    /// writable bytes (``takeWritable(minimum:)``) first when the outcome is to keep.
    public mutating func finish(interrupted: Bool) -> Outcome {
        if let refusal { return .refuse(refusal) }
        if !interrupted, let checksum, let hasher, hasher.finalize() != checksum.digest {
            refusal = .checksumMismatch
            return .refuse(.checksumMismatch)
        }
        if interrupted, checksum != nil {
            // A chunk that cannot be checked is not kept.
            return .keep(offset: startOffset, format: format)
        }
        guard format != nil else {
            // Too few bytes to tell the type: keep none; the client resends from here.
            return .keep(offset: startOffset, format: nil)
        }
        return .keep(offset: reachedOffset, format: format)
    }

    private mutating func recogniseIfPossible(isWholeFile: Bool) throws(Refusal) {
        guard format == nil else { return }
        // Only the very first bytes of the file tell its format.
        guard startOffset == 0 else { return }
        switch DocumentFormat.recognise(pending, isWholeFile: isWholeFile) {
        case .needMoreBytes:
            return
        case .unrecognised:
            try refuse(.unrecognisedType)
        case .recognised(let found):
            if let declared, declared != found { try refuse(.disguisedType(declared: declared, actual: found)) }
            guard allowed.contains(found) else { return try refuse(.typeNotAllowed(found)) }
            format = found
        }
    }

    private mutating func refuse(_ reason: Refusal) throws(Refusal) {
        refusal = reason
        pending.removeAll()
        throw reason
    }
}
