import Foundation
import OpenAPIRuntime

/// Reads every RFC 3339 date-time the contract allows, with fractional seconds of any length or
/// none and with `Z` or an offset (`2026-12-03T10:00:00.123456+07:00` is what many clients
/// send), and writes whole seconds in UTC as before. The runtime's default reads only whole
/// seconds, so a client's ordinary timestamp was refused as "not ISO 8601".
struct RFC3339DateTranscoder: DateTranscoder {
    private let whole = ISO8601DateTranscoder(options: [.withInternetDateTime])

    func encode(_ date: Date) throws -> String { try whole.encode(date) }

    func decode(_ text: String) throws -> Date {
        guard let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { "Zz+-".contains($0) }) else {
            return try whole.decode(text)
        }
        let digits = text[text.index(after: dot)..<zone]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let fraction = Double("0." + digits) else {
            return try whole.decode(text)
        }
        return try whole.decode(String(text[..<dot] + text[zone...])).addingTimeInterval(fraction)
    }
}
