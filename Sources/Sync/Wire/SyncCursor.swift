/// Where a phone has pulled up to: an opaque token the server issues with every pull page and
/// poke. The phone stores it and sends it back as it is; it never reads or builds one.
///
/// The token names a position in each bucket the phone reads, signed by the server, so a pull
/// never steps past a change that commits later, and a token the server did not issue (or
/// issued to someone else) is refused. ``start`` pulls everything from the beginning.
public struct SyncCursor: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The token, as the server issued it.
    public var token: String

    /// A cursor from the token the server issued.
    public init(_ token: String) { self.token = token }

    /// Before the first pull: everything.
    public static let start = SyncCursor("")

    /// Whether this is ``start``.
    public var isStart: Bool { token.isEmpty }

    /// The token, or `start`, for logs.
    public var description: String { token.isEmpty ? "start" : token }

    /// Decodes the token from a JSON string.
    public init(from decoder: any Decoder) throws { token = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the token as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(token)
    }
}
