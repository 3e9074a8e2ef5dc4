import Foundation

/// A file format a claim document may have, recognised by its content (its first bytes),
/// never by its name or by what the sender says it is.
public enum DocumentFormat: String, Codable, Hashable, Sendable, CaseIterable {
    case jpeg
    case png
    case pdf

    /// The media type: `image/jpeg`, `image/png` or `application/pdf`.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .pdf: "application/pdf"
        }
    }

    /// Whether it is a photo (a selfie must be one).
    public var isImage: Bool { self != .pdf }

    /// The format of a media type, if it is one of ours.
    public init?(mediaType: String) {
        let bare = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let format = Self.allCases.first(where: { $0.mediaType == bare }) else { return nil }
        self = format
    }

    /// What the first bytes of a file say about its format.
    public enum Recognition: Hashable, Sendable {
        /// The bytes start a file of this format.
        case recognised(DocumentFormat)
        /// The bytes so far fit a format, but there are too few to be sure.
        case needMoreBytes
        /// The bytes start no format we accept.
        case unrecognised
    }

    /// The signature (magic bytes) each format starts with: JPEG `FF D8 FF`, PNG
    /// `89 50 4E 47 0D 0A 1A 0A`, PDF `%PDF-`.
    public var signature: [UInt8] {
        switch self {
        case .jpeg: [0xFF, 0xD8, 0xFF]
        case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        case .pdf: Array("%PDF-".utf8)
        }
    }

    /// The most bytes ``recognise(_:isWholeFile:)`` needs to decide.
    public static let signatureLength = allCases.map(\.signature.count).max() ?? 8

    /// Recognises a format from the first bytes of a file (pass at least
    /// ``signatureLength`` bytes, or the whole file if it is shorter, to get a decision).
    ///
    /// - Parameters:
    ///   - prefix: the first bytes of the file.
    ///   - isWholeFile: `true` when `prefix` is all there is, so a short prefix cannot grow.
    public static func recognise(_ prefix: some Collection<UInt8>, isWholeFile: Bool = false) -> Recognition {
        let head = Array(prefix.prefix(signatureLength))
        var possible = false
        for format in allCases {
            let signature = format.signature
            if head.count >= signature.count {
                if Array(head.prefix(signature.count)) == signature { return .recognised(format) }
            } else if Array(signature.prefix(head.count)) == head {
                possible = true
            }
        }
        return possible && !isWholeFile ? .needMoreBytes : .unrecognised
    }
}
