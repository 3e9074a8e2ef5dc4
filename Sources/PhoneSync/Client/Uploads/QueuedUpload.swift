import Foundation
import Models
import Sync

/// A document waiting on the phone to be uploaded, next to the outbox: its bytes, what they
/// are, and how far the upload got. Its attach mutation waits in the outbox, held, until the
/// upload is complete.
public struct QueuedUpload: Hashable, Sendable, Identifiable {
    /// Where the upload stands.
    public enum State: Hashable, Sendable {
        /// Bytes remain to be sent (or the server has not confirmed the last ones).
        case waiting
        /// The server has every byte, checked; the attach mutation is released to the outbox.
        case complete(uploadID: UUID)
        /// The server refused the file for good (too large, not a document type); the attach
        /// mutation was dropped and the reason stored as a rejection of the claim.
        case failed(Rejection)
    }

    /// The document's id: the element id it gets in the claim's `documents`.
    public var id: UUID
    /// The claim it is for.
    public var claim: RecordKey
    /// What the document is.
    public var kind: DocumentKind
    /// JPEG, PNG or PDF, recognised from the bytes.
    public var format: DocumentFormat
    /// The file's size.
    public var byteCount: Int64
    /// The SHA-256 of the whole file, lower-case hex.
    public var sha256: String
    /// The file's name as the participant knows it, if any.
    public var filename: String?
    /// The server's URL of the upload once created (`/v1/uploads/{id}`).
    public var location: String?
    /// The bytes the server last confirmed having.
    public var confirmedOffset: Int64
    /// Waiting, complete or refused.
    public var state: State

    /// A queued document with every field given.
    public init(
        id: UUID,
        claim: RecordKey,
        kind: DocumentKind,
        format: DocumentFormat,
        byteCount: Int64,
        sha256: String,
        filename: String? = nil,
        location: String? = nil,
        confirmedOffset: Int64 = 0,
        state: State = .waiting
    ) {
        self.id = id
        self.claim = claim
        self.kind = kind
        self.format = format
        self.byteCount = byteCount
        self.sha256 = sha256
        self.filename = filename
        self.location = location
        self.confirmedOffset = confirmedOffset
        self.state = state
    }

    /// The fraction sent, 0...1, for a progress bar.
    public var progress: Double { byteCount == 0 ? 1 : Double(confirmedOffset) / Double(byteCount) }
}
