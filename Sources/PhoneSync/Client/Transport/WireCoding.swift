import Foundation
import Sync

/// JSON coding of the sync wire types, and the mapping of HTTP answers to transport errors.
public enum WireCoding {
    /// The encoder of every sync request body (ISO 8601 dates).
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// The decoder of every sync answer (ISO 8601 dates).
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    struct ProblemBody: Decodable {
        var code: String?
        var detail: String?
        var title: String?
        var expectedCounter: Int64?
    }

    /// Decodes a 2xx body, or maps the status and problem body to a ``SyncTransportError``.
    public static func decode<T: Decodable>(_ type: T.Type, status: Int, body: Data) throws(SyncTransportError) -> T {
        switch status {
        case 200..<300:
            do { return try decoder.decode(T.self, from: body) } catch { throw .transient("unreadable answer: \(error)") }
        case 401:
            throw .unauthorized
        case 409:
            let problem = try? decoder.decode(ProblemBody.self, from: body)
            if problem?.code == "sync.counterGap", let expected = problem?.expectedCounter { throw .counterGap(expected: expected) }
            throw .permanent(problem?.detail ?? "conflict")
        case 408, 429, 500...:
            throw .transient("HTTP \(status)")
        default:
            let problem = try? decoder.decode(ProblemBody.self, from: body)
            throw .permanent("\(problem?.code ?? "HTTP \(status)"): \(problem?.detail ?? problem?.title ?? "")")
        }
    }
}
