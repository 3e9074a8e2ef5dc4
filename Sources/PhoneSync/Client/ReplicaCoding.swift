import Foundation
import Sync

/// The JSON the replica stores in its text columns (the same encoding as the wire).
enum ReplicaCoding {
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
    }
}
