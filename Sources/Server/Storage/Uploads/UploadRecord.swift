import Foundation
import Models

/// One resumable (tus) upload of a claim document: who sends it, how long it is, how far it
/// got, and, once whole, the SHA-256 the server computed over its bytes.
///
/// The bytes live in a ``BlobStore``: staged under the upload's id while partial, then
/// content-addressed by their SHA-256.
public struct UploadRecord: Hashable, Sendable, Identifiable {
    public var id: UUID
    /// The participant who created it; nobody else may see or continue it.
    public var owner: Participant.ID
    /// The announced length (`Upload-Length`).
    public var length: Int64
    /// The bytes received and kept so far (`Upload-Offset`).
    public var offset: Int64
    /// What the sender said about the file (`Upload-Metadata`).
    public var metadata: UploadMetadata
    /// The format recognised from the first bytes; `nil` before any byte arrived.
    public var format: DocumentFormat?
    /// The SHA-256 (lower-case hex) of the whole content, computed by the server on completion.
    public var sha256: String?
    /// Whether the sender's own SHA-256 of the whole file (``UploadMetadata/sha256``) was
    /// given and matched: the content is what the phone meant to send.
    public var verified: Bool
    public var createdAt: Date
    /// When a partial upload is dropped if it is not finished.
    public var expiresAt: Date
    public var completedAt: Date?
    /// A claim references it: it is kept for the claim's life and never expires.
    public var retained: Bool

    public init(
        id: UUID,
        owner: Participant.ID,
        length: Int64,
        offset: Int64 = 0,
        metadata: UploadMetadata = UploadMetadata(),
        format: DocumentFormat? = nil,
        sha256: String? = nil,
        verified: Bool = false,
        createdAt: Date,
        expiresAt: Date,
        completedAt: Date? = nil,
        retained: Bool = false
    ) {
        self.id = id
        self.owner = owner
        self.length = length
        self.offset = offset
        self.metadata = metadata
        self.format = format
        self.sha256 = sha256
        self.verified = verified
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.completedAt = completedAt
        self.retained = retained
    }

    /// Every byte arrived and the whole content was hashed and kept.
    public var isComplete: Bool { completedAt != nil && sha256 != nil }
}

/// The `Upload-Metadata` keys the service understands; others are ignored.
public struct UploadMetadata: Hashable, Sendable, Codable {
    /// The file's name on the phone (shown to officers; never trusted for the type).
    public var filename: String?
    /// The media type the sender claims; must agree with the content.
    public var filetype: String?
    /// The claim the document is for.
    public var claimID: UUID?
    /// What the document is.
    public var kind: DocumentKind?
    /// The sender's SHA-256 of the whole file (hex), checked when the last byte arrives.
    public var sha256: String?

    public init(filename: String? = nil, filetype: String? = nil, claimID: UUID? = nil, kind: DocumentKind? = nil, sha256: String? = nil) {
        self.filename = filename
        self.filetype = filetype
        self.claimID = claimID
        self.kind = kind
        self.sha256 = sha256
    }
}
