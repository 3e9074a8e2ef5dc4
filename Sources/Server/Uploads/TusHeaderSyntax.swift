import Foundation

/// The syntax of the tus headers the server reads, as pure functions of text (no HTTP types,
/// no problems), so they are tested and fuzzed alone. ``TusMetadata`` and ``UploadChecksum``
/// turn what they find into problem responses.
enum TusHeaderSyntax {
    /// What is wrong with a header.
    enum Malformed: Error, Hashable, Sendable {
        /// An item of `Upload-Metadata` that is not `key` or `key base64`, or a repeated key.
        case metadataItem(String)
        /// A value of `Upload-Metadata` that is not Base64 of UTF-8 text.
        case metadataValue(key: String)
        /// `Upload-Checksum` that is not `<algorithm> <Base64>`.
        case checksum
    }

    /// The pairs of `Upload-Metadata`: comma-separated `key base64` items; a key may stand alone
    /// (its value is empty). Commas and spaces separate as characters of the header's text,
    /// whatever follows them (a comma followed by a combining mark still separates).
    static func metadata(_ header: String) throws(Malformed) -> [String: String] {
        var pairs: [String: String] = [:]
        for item in scalars(header, split: ",") {
            let parts = scalars(item.trimmingCharacters(in: .whitespaces), split: " ")
            guard let key = parts.first, parts.count <= 2, pairs[key] == nil else { throw .metadataItem(item) }
            guard parts.count == 2 else {
                pairs[key] = ""
                continue
            }
            guard let data = Data(base64Encoded: parts[1]), let value = String(data: data, encoding: .utf8) else {
                throw .metadataValue(key: key)
            }
            pairs[key] = value
        }
        return pairs
    }

    /// `Upload-Checksum: <algorithm> <Base64 digest>`: the algorithm as sent (lower-cased) and the
    /// digest's bytes, `nil` when they are not Base64.
    static func checksum(_ header: String) throws(Malformed) -> (algorithm: String, digest: [UInt8]?) {
        let parts = scalars(header, split: " ")
        guard parts.count == 2 else { throw .checksum }
        return (parts[0].lowercased(), Data(base64Encoded: parts[1]).map(Array.init))
    }

    /// The non-empty runs of `text` between `separator`s, cut between Unicode scalars (not
    /// characters, which may join a separator to what follows it).
    static func scalars(_ text: String, split separator: Unicode.Scalar) -> [String] {
        text.unicodeScalars.split(separator: separator, omittingEmptySubsequences: true).map { String(String.UnicodeScalarView($0)) }
    }
}
