import Foundation

/// How every store encodes the values it keeps as JSON (records, results, audit entries):
/// dates as ISO 8601, so a row reads the same whichever store wrote it.
enum StoredJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
