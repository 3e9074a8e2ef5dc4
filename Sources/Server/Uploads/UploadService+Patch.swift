import Foundation
import HTTPTypes
import Logging
import Models
import Sync

extension UploadService {
    /// Receives one chunk (tus PATCH) at `offset` and returns the upload after it.
    ///
    /// The chunk is streamed into the staging area as it arrives and checked on the way
    /// (``ChunkReceiver``). When the body breaks off, what arrived is kept (unless a chunk
    /// checksum was sent), so the client resumes from the offset a HEAD reports. When the last
    /// byte arrives, the whole content is hashed; if the sender gave its own SHA-256 it must
    /// match, and the content becomes a blob named by its hash.
    ///
    /// - Parameters:
    ///   - contentLength: the body's announced length, if known.
    ///   - checksum: `Upload-Checksum`, if sent.
    /// - Throws: ``Problem``: 404/410 for an unknown or expired upload, 409
    ///   `upload.offsetMismatch`, 413 `upload.exceedsLength`, 415 `upload.type` or
    ///   `upload.disguisedType` (the upload is cancelled), 460 `upload.checksumMismatch` (the
    ///   chunk is discarded), 423 `upload.busy`.
    public func patch<Body: AsyncSequence>(
        _ id: UUID,
        offset: Int64,
        contentLength: Int64?,
        checksum: String?,
        body: Body,
        by owner: Participant.ID
    ) async throws -> UploadRecord where Body.Element == ArraySlice<UInt8> {
        let upload = try await self.upload(id, for: owner)
        guard offset == upload.offset else {
            throw Problem(
                status: .conflict,
                code: "upload.offsetMismatch",
                title: "Wrong offset",
                detail: "The upload is at offset \(upload.offset); ask for it with HEAD and continue from there.",
                headers: [HTTPField.Name.uploadOffset: String(upload.offset)],
                extra: ["offset": .int(upload.offset)]
            )
        }
        if upload.isComplete { return upload }
        if let contentLength, contentLength > upload.length - offset {
            throw Problem.exceedsLength(upload)
        }
        let expected = try checksum.map { header throws(Problem) in try UploadChecksum(header: header) }
        guard locks.acquire(id) else { throw Problem.uploadBusy }
        defer { locks.release(id) }

        var receiver = ChunkReceiver(
            startOffset: offset,
            length: upload.length,
            format: upload.format,
            declared: upload.metadata.filetype.flatMap(DocumentFormat.init(mediaType:)),
            allowed: limits.formats,
            checksum: expected
        )
        var interrupted = false
        do {
            for try await piece in body {
                try receiver.receive(piece)
                try await stageWritable(&receiver, minimum: Self.writeBatch, upload: id)
            }
        } catch is ChunkReceiver.Refusal {
            // The rest of the body is not read; `finish` says why the chunk is refused.
        } catch let failure as StagingFailure {
            try? await blobs.truncateStaged(upload: id, to: offset)
            logger.error("upload staging failed", metadata: ["upload": "\(id)", "error": "\(failure.underlying)"])
            throw Problem.unavailable
        } catch {
            interrupted = true  // The body broke off: the network, or the client went away.
        }
        do {
            try await stageWritable(&receiver, minimum: 1, upload: id)
        } catch {
            try? await blobs.truncateStaged(upload: id, to: offset)
            throw Problem.unavailable
        }
        switch receiver.finish(interrupted: interrupted) {
        case .refuse(let refusal):
            return try await refuse(upload, refusal)
        case .keep(let reached, let format):
            try await blobs.truncateStaged(upload: id, to: reached)
            if reached == upload.length { return try await complete(upload, format: format) }
            guard reached > offset else { return upload }
            guard try await store.advance(uploadID: id, from: offset, to: reached, format: format) else {
                throw Problem.uploadNotFound
            }
            if interrupted {
                logger.info("upload interrupted", metadata: ["upload": "\(id)", "offset": "\(reached)", "length": "\(upload.length)"])
            }
            var advanced = upload
            advanced.offset = reached
            advanced.format = format
            return advanced
        }
    }

    /// A write to the staging area that failed (not the client's doing).
    struct StagingFailure: Error {
        var underlying: any Error
    }

    private func stageWritable(_ receiver: inout ChunkReceiver, minimum: Int, upload id: UUID) async throws {
        let bytes = receiver.takeWritable(minimum: minimum)
        guard !bytes.isEmpty else { return }
        let at = receiver.startOffset + receiver.written - Int64(bytes.count)
        do {
            try await blobs.stage(bytes, upload: id, at: at)
        } catch {
            throw StagingFailure(underlying: error)
        }
    }

    /// Hashes the whole content, checks it against the sender's SHA-256, and keeps it as a blob.
    private func complete(_ upload: UploadRecord, format recognised: DocumentFormat?) async throws -> UploadRecord {
        // Bytes are kept only once the format is recognised, so a whole upload has one.
        guard let format = recognised ?? upload.format else { throw Problem.internalError }
        let sha256 = try await blobs.stagedSHA256(upload: upload.id)
        if let declared = upload.metadata.sha256, declared != sha256 {
            try await drop(upload)
            logger.info("upload refused", metadata: ["upload": "\(upload.id)", "problem": "upload.fileChecksumMismatch"])
            throw Problem(
                status: .checksumMismatch,
                code: "upload.fileChecksumMismatch",
                title: "The file does not match its SHA-256",
                detail: "The bytes received differ from the file the phone meant to send. The upload was cancelled; upload the file again."
            )
        }
        try await blobs.promote(upload: upload.id, sha256: sha256)
        let completedAt = now()
        guard
            try await store.complete(
                uploadID: upload.id,
                from: upload.offset,
                format: format,
                sha256: sha256,
                verified: upload.metadata.sha256 != nil,
                at: completedAt
            )
        else { throw Problem.uploadNotFound }
        logger.info("upload complete", metadata: ["upload": "\(upload.id)", "length": "\(upload.length)"])
        var whole = upload
        whole.offset = upload.length
        whole.format = format
        whole.sha256 = sha256
        whole.verified = upload.metadata.sha256 != nil
        whole.completedAt = completedAt
        return whole
    }

    /// Refuses a chunk: nothing of it stays. A type that cannot be accepted ends the upload.
    private func refuse(_ upload: UploadRecord, _ refusal: ChunkReceiver.Refusal) async throws -> UploadRecord {
        try await blobs.truncateStaged(upload: upload.id, to: upload.offset)
        let problem: Problem
        switch refusal {
        case .exceedsLength:
            problem = .exceedsLength(upload)
        case .checksumMismatch:
            problem = Problem(
                status: .checksumMismatch,
                code: "upload.checksumMismatch",
                title: "Checksum mismatch",
                detail: "The chunk does not match its Upload-Checksum and was discarded; send it again from offset \(upload.offset).",
                headers: [HTTPField.Name.uploadOffset: String(upload.offset)]
            )
        case .unrecognisedType:
            try await drop(upload)
            problem = Problem(
                status: .unsupportedMediaType,
                code: "upload.type",
                title: "This type of file is not accepted",
                detail:
                    "Documents are \(limits.allowedContentTypes.joined(separator: ", ")), recognised by their content. The upload was cancelled."
            )
        case .typeNotAllowed(let format):
            try await drop(upload)
            problem = Problem(
                status: .unsupportedMediaType,
                code: "upload.type",
                title: "This type of file is not accepted",
                detail: "\(format.mediaType) is not accepted; documents are \(limits.allowedContentTypes.joined(separator: ", "))."
            )
        case .disguisedType(let declared, let actual):
            try await drop(upload)
            problem = Problem(
                status: .unsupportedMediaType,
                code: "upload.disguisedType",
                title: "The file is not what it says it is",
                detail: "The file was sent as \(declared.mediaType) but its content is \(actual.mediaType). The upload was cancelled."
            )
        }
        logger.info("upload refused", metadata: ["upload": "\(upload.id)", "problem": "\(problem.code)"])
        throw problem
    }
}

extension Problem {
    static func exceedsLength(_ upload: UploadRecord) -> Problem {
        Problem(
            status: .contentTooLarge,
            code: "upload.exceedsLength",
            title: "More bytes than announced",
            detail: "The upload is \(upload.length) bytes long and is at offset \(upload.offset); send no byte beyond its length."
        )
    }
}

extension HTTPResponse.Status {
    /// 460 Checksum Mismatch (tus checksum extension).
    static let checksumMismatch = HTTPResponse.Status(code: 460, reasonPhrase: "Checksum Mismatch")
}

extension HTTPField.Name {
    static let tusResumable = HTTPField.Name("Tus-Resumable")!
    static let tusVersion = HTTPField.Name("Tus-Version")!
    static let tusExtension = HTTPField.Name("Tus-Extension")!
    static let tusMaxSize = HTTPField.Name("Tus-Max-Size")!
    static let tusChecksumAlgorithm = HTTPField.Name("Tus-Checksum-Algorithm")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    static let uploadLength = HTTPField.Name("Upload-Length")!
    static let uploadExpires = HTTPField.Name("Upload-Expires")!
}
