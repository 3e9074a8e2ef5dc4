/// Why a value from outside (a form field, a request body, a file) was refused.
///
/// Every case has a stable ``code`` that clients may switch on, and a plain-language
/// ``message`` that can be shown to a participant as it is.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, dotted code such as `nik.serial`.
    public var code: String
    /// The field the value was for, such as `nik`.
    public var field: String
    /// What is wrong and how to fix it, in plain language.
    public var message: String

    /// Creates an error.
    public init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// The code and the message.
    public var description: String { "\(code): \(message)" }
}

extension String {
    /// `true` when the string is non-empty and made only of ASCII digits.
    var isASCIIDigits: Bool { !isEmpty && allSatisfy { $0.isASCII && $0.isNumber } }
}

/// A string that is checked when it is made: decoding runs the same check, so a wire
/// value that does not pass fails to decode with the check's message.
public protocol ValidatedString: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The validated, normalised text.
    var rawValue: String { get }
    /// Validates and normalises `text`.
    init(_ text: String) throws(ValueError)
}

extension ValidatedString {
    /// Decodes the value from text, refusing text that does not pass the check.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error)
            )
        }
    }

    /// Encodes the value as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
