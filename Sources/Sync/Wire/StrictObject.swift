import Foundation

/// Any key of a JSON object, to see every key the object holds.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses an object holding a key outside `allowed`: the contract's
    /// `additionalProperties: false`, so a property a client misspelt or invented is an error
    /// the client sees, never a value silently ignored.
    /// - Throws: `DecodingError.dataCorrupted` at the first unknown key, in key order.
    func refuseUnknownKeys(_ allowed: Set<String>) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        guard let unknown = container.allKeys.map(\.stringValue).filter({ !allowed.contains($0) }).min() else { return }
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: codingPath + [AnyCodingKey(stringValue: unknown)],
                debugDescription: "'\(unknown)' is not a property here; the properties are \(allowed.sorted().joined(separator: ", "))"
            )
        )
    }
}

extension KeyedDecodingContainer {
    /// Refuses the object at `key` when it holds a key outside `allowed` (see
    /// `Decoder.refuseUnknownKeys(_:)`).
    func refuseUnknownKeys(_ allowed: Set<String>, in key: Key) throws {
        try superDecoder(forKey: key).refuseUnknownKeys(allowed)
    }
}
