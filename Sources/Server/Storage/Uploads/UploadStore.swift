import Foundation
import Models

/// The upload half of the store: resumable uploads' progress and outcome. The bytes are kept
/// by a ``BlobStore``, never in the database.
public protocol UploadStore: Sendable {
    func insert(upload: UploadRecord) async throws
    func upload(id: UUID) async throws -> UploadRecord?
    /// A participant's uploads, partial and complete, oldest first.
    func uploads(owner: Participant.ID) async throws -> [UploadRecord]
    /// How many of a participant's uploads are not complete yet.
    func openUploadCount(owner: Participant.ID) async throws -> Int
    /// Moves an upload's offset from `expected` to `offset` (and records the recognised
    /// format); `false`, changing nothing, when the stored offset is not `expected` (another
    /// request moved it) or the upload is gone.
    func advance(uploadID: UUID, from expected: Int64, to offset: Int64, format: DocumentFormat?) async throws -> Bool
    /// Marks an upload whole: its offset reaches its length, with the content's format and
    /// SHA-256. `false`, changing nothing, when the upload is gone or its offset is not
    /// `expected`.
    func complete(
        uploadID: UUID,
        from expected: Int64,
        format: DocumentFormat,
        sha256: String,
        verified: Bool,
        at date: Date
    ) async throws -> Bool
    /// Removes an upload's record; `false` if there was none.
    func deleteUpload(id: UUID) async throws -> Bool
    /// Partial uploads whose time ran out before `date`, oldest first.
    func expiredPartialUploads(before date: Date, limit: Int) async throws -> [UploadRecord]
    /// Complete uploads finished before `date` and not retained, oldest first (candidates for
    /// the expiry of uploads that no claim references).
    func unretainedUploads(finishedBefore date: Date, limit: Int) async throws -> [UploadRecord]
    /// Marks a complete upload as referenced by a claim, so it never expires.
    func retain(uploadID: UUID) async throws
    /// How many upload records share a content (a blob may serve several uploads).
    func uploadCount(sha256: String) async throws -> Int
}
