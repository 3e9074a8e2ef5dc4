import Foundation

/// The one JSON configuration of the sync core and the service: dates as ISO 8601, keys sorted
/// (equal values encode to equal text). ``JSONValue`` converts through it; the server stores
/// records, results and audit entries, writes problem bodies and signs tokens with it, and its
/// HTTP layer is configured the same way.
///
/// Both coders are safe to share between tasks: each call keeps its own state.
public enum JSONCoding {
    /// Encodes with ISO 8601 dates and sorted keys.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Decodes what ``encoder`` writes (ISO 8601 dates).
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
