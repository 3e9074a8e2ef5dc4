import Foundation
import Sync

/// Converts between domain models and generated wire types through their shared JSON
/// shape. The Models types and `openapi.yaml` describe the same documents; converting
/// through JSON keeps one definition of each field and fails loudly (in tests) when the
/// two drift apart.
enum WireBridge {
    static func convert<Target: Decodable>(_ value: some Encodable, to: Target.Type = Target.self) throws -> Target {
        try JSONCoding.decoder.decode(Target.self, from: JSONCoding.encoder.encode(value))
    }

    /// A short description of why a conversion failed.
    static func describe(_ error: any Error) -> String {
        (error as? DecodingError)?.plainDescription ?? "unreadable"
    }
}
