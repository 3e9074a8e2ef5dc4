import Foundation

/// A kind of document a claim may need (Permenaker 4/2022; DOMAIN.md, "Rules").
public enum DocumentKind: String, Codable, Hashable, Sendable, CaseIterable {
    case idCard
    case participantCard
    case referenceLetter
    case terminationLetter
    case bankBook
    case passport
    case stayPermit
    case doctorCertificate
    case deathCertificate
    case heirCertificate
    case heirIDCard
    case familyCard
    case taxNumberCard
    case selfie
}

/// A document attached to a claim: a verified, whole upload.
public struct ClaimDocument: Codable, Hashable, Sendable, Identifiable {
    /// The document's id on the claim.
    public var id: ID
    /// What the document is (ID card, bank book, ...).
    public var kind: DocumentKind
    /// The SHA-256 of the content, hex; names the blob in content-addressed storage.
    public var sha256: String
    /// The file's size.
    public var byteCount: Int64
    /// The type recognised from the content: `image/jpeg`, `image/png` or `application/pdf`.
    public var contentType: String
    /// When it was attached.
    public var attachedAt: Date
    /// The resumable upload the content came from (absent in documents attached before
    /// uploads were tracked).
    public var uploadID: UUID?

    /// A document with every field given.
    public init(
        id: ID,
        kind: DocumentKind,
        sha256: String,
        byteCount: Int64,
        contentType: String,
        attachedAt: Date,
        uploadID: UUID? = nil
    ) {
        self.id = id
        self.kind = kind
        self.sha256 = sha256
        self.byteCount = byteCount
        self.contentType = contentType
        self.attachedAt = attachedAt
        self.uploadID = uploadID
    }
}
