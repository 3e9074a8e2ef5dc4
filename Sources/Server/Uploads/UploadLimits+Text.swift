import Foundation
import Models

extension UploadLimits {
    /// The accepted formats.
    var formats: Set<DocumentFormat> { Set(allowedContentTypes.compactMap(DocumentFormat.init(mediaType:))) }

    /// The size limit as a person reads it: `10 MB (10485760 bytes)`.
    var maxSizeText: String { Self.sizeText(maxBytes) }

    static func sizeText(_ bytes: Int64) -> String {
        let mebibyte: Int64 = 1_048_576
        if bytes >= mebibyte {
            let megabytes = Double(bytes) / Double(mebibyte)
            let shown = bytes % mebibyte == 0 ? String(bytes / mebibyte) : String(format: "%.1f", megabytes)
            return "\(shown) MB (\(bytes) bytes)"
        }
        return "\(bytes) bytes"
    }
}
