/// An e-mail address, checked for shape only (one `@`, a dot in the domain, no spaces)
/// and lower-cased in the domain part.
public struct EmailAddress: ValidatedString {
    /// The address.
    public let rawValue: String

    /// Validates an address's shape.
    public init(_ text: String) throws(ValueError) {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !trimmed.contains(where: \.isWhitespace)
        else {
            throw ValueError(code: "email.shape", field: "email", message: "An e-mail address looks like name@example.co.id.")
        }
        self.rawValue = parts[0] + "@" + parts[1].lowercased()
    }

    /// The address with its local part masked, safe for logs.
    public var description: String { "***@" + rawValue.split(separator: "@")[1] }
}
