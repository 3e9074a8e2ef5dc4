import Foundation
import HTTPTypes
import Models

/// The `Upload-Metadata` header of tus 1.0: comma-separated pairs of a key and its value in
/// Base64 (`filename a3RwLmpwZw==,kind aWRDYXJk`); a key may stand alone.
enum TusMetadata {
    /// The pairs of a header; throws a ``Problem`` naming what is wrong.
    static func parse(_ header: String) throws(Problem) -> [String: String] {
        do {
            return try TusHeaderSyntax.metadata(header)
        } catch .metadataItem(let item) {
            throw invalid("'\(item)' is not 'key base64'.")
        } catch .metadataValue(let key) {
            throw invalid("The value of '\(key)' is not Base64 of UTF-8 text.")
        } catch {
            throw invalid("Upload-Metadata is not 'key base64' pairs.")
        }
    }

    /// The metadata the service understands, checked: `filename`, `filetype` (one of the
    /// accepted types), `claimID` (a UUID), `kind` (a document kind), `sha256` (64 hex
    /// digits). Other keys are ignored.
    static func metadata(_ header: String?, allowedTypes: [String]) throws(Problem) -> UploadMetadata {
        guard let header, !header.isEmpty else { return UploadMetadata() }
        let pairs = try parse(header)
        var metadata = UploadMetadata()
        if let filename = pairs["filename"], !filename.isEmpty { metadata.filename = String(filename.prefix(255)) }
        if let filetype = pairs["filetype"] ?? pairs["contentType"], !filetype.isEmpty {
            guard let format = DocumentFormat(mediaType: filetype), allowedTypes.contains(format.mediaType) else {
                throw Problem(
                    status: .unsupportedMediaType,
                    code: "upload.type",
                    title: "This type of file is not accepted",
                    detail: "Documents are \(allowedTypes.joined(separator: ", ")); '\(filetype.prefix(60))' is not one of them."
                )
            }
            metadata.filetype = format.mediaType
        }
        if let claimID = pairs["claimID"] {
            guard let id = UUID(uuidString: claimID) else { throw invalid("claimID is not a UUID.") }
            metadata.claimID = id
        }
        if let kind = pairs["kind"] {
            guard let value = DocumentKind(rawValue: kind) else {
                throw invalid("kind is one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            metadata.kind = value
        }
        if let sha256 = pairs["sha256"] {
            let lower = sha256.lowercased()
            guard BlobDigest.isValid(lower) else { throw invalid("sha256 is the file's SHA-256 as 64 hex digits.") }
            metadata.sha256 = lower
        }
        return metadata
    }

    static func invalid(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "upload.metadata", title: "Upload-Metadata is not valid", detail: detail)
    }
}
