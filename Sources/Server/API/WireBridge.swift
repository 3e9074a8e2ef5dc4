import Foundation

/// Converts between domain models and generated wire types through their shared JSON
/// shape. The Models types and `openapi.yaml` describe the same documents; converting
/// through JSON keeps one definition of each field and fails loudly (in tests) when the
/// two drift apart.
enum WireBridge {
    static func convert<Target: Decodable>(_ value: some Encodable, to: Target.Type = Target.self) throws -> Target {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Target.self, from: encoder.encode(value))
    }

    /// A short, value-free description of why a conversion failed.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "unreadable" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "unreadable"
        }
    }
}
