import Foundation
import Models
import Sync

extension IntentHandler {
    /// Attaches a finished, verified upload of the participant to a draft claim (or one whose
    /// correction was requested).
    ///
    /// Arguments: `uploadID` (required); `documentID` (the id the phone gave the document,
    /// default the upload's id); `kind` (default the upload's `kind` metadata); and what the
    /// phone knows of its file, each checked against the upload when given: `sha256` (required
    /// when the upload carried no SHA-256 to verify against), `byteCount`, `contentType`.
    /// The document's facts come from the upload as the server received it, never from the
    /// arguments.
    func attachDocument(
        _ arguments: AttachDocument,
        mutation: Mutation,
        records: [RecordKey: SyncRecord]
    ) throws(Rejection) -> [RecordEffect] {
        let key = try claimKey(arguments.claimID, mutation: mutation, intent: .attachDocument)
        let (claim, _) = try loadClaim(key, records: records)
        guard claim.status == .draft || claim.status == .correctionRequested else {
            throw Rejection(
                code: "field.locked",
                message: "Documents can be added while the claim is a draft or a correction is requested.",
                fields: ["documents"]
            )
        }
        guard let uploadID = arguments.uploadID else {
            throw Rejection(code: "intent.missingArgument", message: "attachDocument needs 'uploadID'.", fields: ["uploadID"])
        }
        let upload = try finishedUpload(uploadID)
        guard let sha256 = upload.sha256, let format = upload.format else {
            throw Rejection(code: "document.uploadIncomplete", message: "The upload is not finished yet.", fields: ["uploadID"])
        }
        if let claimed = arguments.sha256, claimed.lowercased() != sha256 {
            throw Rejection(
                code: "document.checksum",
                message: "The uploaded file is not the one on the phone (its SHA-256 differs). Upload it again.",
                fields: ["sha256"]
            )
        } else if !upload.verified, arguments.sha256 == nil {
            throw Rejection(
                code: "document.unverified",
                message: "Give the file's SHA-256 ('sha256') so the server can check the upload is the file you sent.",
                fields: ["sha256"]
            )
        }
        if let byteCount = arguments.byteCount, byteCount != upload.length {
            throw Rejection(
                code: "document.mismatch",
                message: "The upload has \(upload.length) bytes, not \(byteCount).",
                fields: ["byteCount"]
            )
        }
        if let contentType = arguments.contentType, DocumentFormat(mediaType: contentType) != format {
            throw Rejection(
                code: "document.mismatch",
                message: "The upload is \(format.mediaType), not \(contentType).",
                fields: ["contentType"]
            )
        }
        guard uploads.allowedContentTypes.contains(format.mediaType), upload.length <= uploads.maxBytes else {
            throw Rejection(
                code: "document.type",
                message: "Documents are \(uploads.allowedContentTypes.joined(separator: ", ")) of at most \(uploads.maxSizeText).",
                fields: ["uploadID"]
            )
        }
        if let forClaim = upload.metadata.claimID, forClaim.uuidString != key.id {
            throw Rejection(code: "document.otherClaim", message: "This upload was made for another claim.", fields: ["uploadID"])
        }
        let kind = try documentKind(arguments.kind, upload: upload)
        if kind == .selfie, !format.isImage {
            throw Rejection(code: "document.selfieNotPhoto", message: "A selfie is a photo (JPEG or PNG).", fields: ["kind"])
        }
        let documentID = arguments.documentID ?? uploadID
        if claim.documents.contains(where: { $0.uploadID == uploadID && $0.id.rawValue != documentID }) {
            throw Rejection(
                code: "document.alreadyAttached",
                message: "This upload is already attached to the claim.",
                fields: ["uploadID"]
            )
        }
        let document = ClaimDocument(
            id: ClaimDocument.ID(documentID),
            kind: kind,
            sha256: sha256,
            byteCount: upload.length,
            contentType: format.mediaType,
            attachedAt: now,
            uploadID: uploadID
        )
        do {
            return [
                RecordEffect(
                    key: key,
                    operation: .addElement(field: "documents", elementID: documentID.uuidString, value: try JSONValue(encoding: document))
                )
            ]
        } catch {
            throw Rejection(code: "document.invalid", message: "The document could not be read.")
        }
    }

    /// The participant's finished upload, or the reason it cannot be attached.
    func finishedUpload(_ id: UUID) throws(Rejection) -> UploadRecord {
        guard let upload = participantUploads[id] else {
            throw Rejection(
                code: "document.uploadNotFound",
                message: "There is no upload \(id.uuidString) of yours: it expired or was never made. Upload the file again.",
                fields: ["uploadID"]
            )
        }
        guard upload.isComplete else {
            throw Rejection(
                code: "document.uploadIncomplete",
                message: "The upload has \(upload.offset) of \(upload.length) bytes; finish it first.",
                fields: ["uploadID"]
            )
        }
        return upload
    }

    /// The kind named in the intent and in the upload's metadata; they must agree.
    func documentKind(_ named: DocumentKind?, upload: UploadRecord) throws(Rejection) -> DocumentKind {
        switch (named, upload.metadata.kind) {
        case (nil, nil):
            throw Rejection(
                code: "intent.missingArgument",
                message: "attachDocument needs 'kind' (what the document is).",
                fields: ["kind"]
            )
        case (let kind?, let uploaded?) where kind != uploaded:
            throw Rejection(
                code: "document.kindMismatch",
                message: "The upload was made as \(uploaded.rawValue), not \(kind.rawValue).",
                fields: ["kind"]
            )
        case (let kind?, _), (nil, let kind?):
            return kind
        }
    }
}
