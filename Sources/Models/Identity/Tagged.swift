/// A value tagged with the type it identifies, so a ``Claim/ID`` can never be passed
/// where a ``Participant/ID`` is expected.
///
/// Encodes as its raw value, so on the wire a tagged UUID is just a UUID string.
public struct Tagged<Tag, RawValue> {
    /// The underlying value.
    public var rawValue: RawValue

    /// Wraps a raw value.
    public init(_ rawValue: RawValue) { self.rawValue = rawValue }
    /// Wraps a raw value.
    public init(rawValue: RawValue) { self.rawValue = rawValue }
}

extension Tagged: Sendable where RawValue: Sendable {}
extension Tagged: Equatable where RawValue: Equatable {}
extension Tagged: Hashable where RawValue: Hashable {}

extension Tagged: Comparable where RawValue: Comparable {
    /// Orders ids by their raw values.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Tagged: Codable where RawValue: Codable {
    /// Decodes the raw value alone.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(RawValue.self)
    }

    /// Encodes the raw value alone.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Tagged: CustomStringConvertible where RawValue: CustomStringConvertible {
    /// The raw value as text.
    public var description: String { rawValue.description }
}

extension Tagged: ExpressibleByStringLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
    ExpressibleByUnicodeScalarLiteral
where RawValue == String {
    /// An id from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }
}
