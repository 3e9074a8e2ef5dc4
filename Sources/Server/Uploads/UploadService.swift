import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// The server side of tus 1.0 (core, creation, expiration, checksum, termination) for claim
/// documents: creates uploads within the announced limits, receives chunks into a
/// ``BlobStore``'s staging area, and turns a whole, hashed upload into a content-addressed
/// blob. Upload progress lives in an ``UploadStore``; it is the truth a resumed client reads.
///
/// An upload belongs to the participant who created it: to anybody else it does not exist
/// (404), whatever they ask.
public struct UploadService: Sendable {
    let store: any Store
    let blobs: any BlobStore
    let limits: UploadLimits
    let locks = UploadLocks()
    let logger: Logger
    let now: @Sendable () -> Date

    /// Bytes gathered before one write to the staging area.
    static let writeBatch = 256 * 1024

    public init(store: any Store, blobs: any BlobStore, limits: UploadLimits, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.blobs = blobs
        self.limits = limits
        self.logger = logger
        self.now = now
    }

    /// Creates an upload (tus creation). Nothing is stored when the upload is refused.
    ///
    /// - Parameters:
    ///   - length: `Upload-Length`.
    ///   - deferLength: `Upload-Defer-Length` (not supported: the size must be known up front).
    ///   - metadata: `Upload-Metadata`.
    ///   - owner: the participant.
    /// - Throws: ``Problem``: 413 `upload.tooLarge` naming the limit, 415 `upload.type`, 400
    ///   for a missing or bad length or metadata, 429 `upload.tooManyOpen`.
    public func create(length: Int64?, deferLength: String?, metadata: String?, by owner: Participant.ID) async throws -> UploadRecord {
        guard deferLength == nil else {
            throw Problem(
                status: .badRequest,
                code: "upload.lengthRequired",
                title: "The size must be known",
                detail: "Send Upload-Length; this server does not accept deferred lengths."
            )
        }
        guard let length else {
            throw Problem(status: .badRequest, code: "upload.lengthRequired", title: "Upload-Length is missing")
        }
        guard length > 0 else {
            throw Problem(status: .badRequest, code: "upload.empty", title: "The file is empty", detail: "Upload-Length must be 1 or more.")
        }
        guard length <= limits.maxBytes else { throw Problem.uploadTooLarge(length: length, limits: limits) }
        let parsed = try TusMetadata.metadata(metadata, allowedTypes: limits.allowedContentTypes)
        let open = try await store.openUploadCount(owner: owner)
        guard open < limits.maxOpenUploads else {
            throw Problem(
                status: .tooManyRequests,
                code: "upload.tooManyOpen",
                title: "Too many unfinished uploads",
                detail: "Finish or cancel one of your \(open) unfinished uploads first.",
                headers: [.retryAfter: "60"]
            )
        }
        let created = now()
        let upload = UploadRecord(
            id: UUID(),
            owner: owner,
            length: length,
            metadata: parsed,
            createdAt: created,
            expiresAt: created.addingTimeInterval(TimeInterval(limits.partialLifetimeSeconds))
        )
        try await store.insert(upload: upload)
        logger.info("upload created", metadata: ["upload": "\(upload.id)", "length": "\(length)"])
        return upload
    }

    /// The upload as its owner sees it (tus HEAD).
    /// - Throws: 404 `upload.notFound` for an unknown upload or somebody else's; 410
    ///   `upload.expired` for a partial upload whose time ran out.
    public func upload(_ id: UUID, for owner: Participant.ID) async throws -> UploadRecord {
        guard let upload = try await store.upload(id: id), upload.owner == owner else { throw Problem.uploadNotFound }
        if !upload.isComplete, upload.expiresAt <= now() { throw Problem.uploadExpired }
        return upload
    }

    /// Cancels an upload (tus termination): its staged bytes and record go. A finished upload
    /// that a claim references stays (remove it from the claim first).
    public func terminate(_ id: UUID, by owner: Participant.ID) async throws {
        guard let upload = try await store.upload(id: id), upload.owner == owner else { throw Problem.uploadNotFound }
        if upload.isComplete {
            let references = try await DocumentReferences.load(owner: owner, store: store)
            guard !references.contains(upload) else {
                throw Problem(
                    status: .conflict,
                    code: "upload.attached",
                    title: "The document is attached to a claim",
                    detail: "Remove it from the claim before deleting it."
                )
            }
        }
        guard locks.acquire(id) else { throw Problem.uploadBusy }
        defer { locks.release(id) }
        try await drop(upload)
        logger.info("upload terminated", metadata: ["upload": "\(id)"])
    }

    /// Drops an upload: staged bytes, record, and its blob when no other upload shares it.
    func drop(_ upload: UploadRecord) async throws {
        try await blobs.discardStaged(upload: upload.id)
        _ = try await store.deleteUpload(id: upload.id)
        if let sha256 = upload.sha256, try await store.uploadCount(sha256: sha256) == 0 {
            try await blobs.remove(sha256: sha256)
        }
    }
}

extension Problem {
    static let uploadNotFound = Problem(
        status: .notFound,
        code: "upload.notFound",
        title: "No such upload",
        detail: "Create a new upload at /v1/uploads."
    )

    static let uploadExpired = Problem(
        status: .gone,
        code: "upload.expired",
        title: "The upload expired",
        detail: "Unfinished uploads are kept for a limited time. Create a new upload at /v1/uploads."
    )

    static let uploadBusy = Problem(
        status: .init(code: 423, reasonPhrase: "Locked"),
        code: "upload.busy",
        title: "The upload is receiving another request",
        detail: "Wait a moment, ask for the offset (HEAD) and continue from there.",
        headers: [.retryAfter: "1"]
    )

    /// Refused at creation, before any byte is kept: names the limit.
    static func uploadTooLarge(length: Int64, limits: UploadLimits) -> Problem {
        Problem(
            status: .contentTooLarge,
            code: "upload.tooLarge",
            title: "The file is too large",
            detail:
                "A document may be at most \(limits.maxSizeText); this file is \(UploadLimits.sizeText(length)). "
                + "Scan or photograph it at a lower resolution, or split it into pages.",
            extra: ["maxBytes": .int(limits.maxBytes)]
        )
    }
}
