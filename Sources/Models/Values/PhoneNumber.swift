/// An Indonesian mobile number, normalised to `+628…`.
///
/// Accepts the forms people type: `0812…`, `812…`, `62812…`, `+62 812-…`. Mobile numbers
/// start with 8 after the country code and have 10 to 13 digits nationally, counting the
/// leading 0 (DOMAIN.md, "Data formats").
public struct PhoneNumber: ValidatedString {
    /// The normalised number, for example `+6281234567890`.
    public let rawValue: String

    /// Validates and normalises a mobile number.
    public init(_ text: String) throws(ValueError) {
        var digits = text.filter { !" -().".contains($0) }
        if digits.hasPrefix("+") { digits.removeFirst() }
        func fail(_ code: String, _ message: String) -> ValueError {
            ValueError(code: "phone.\(code)", field: "phone", message: message)
        }
        guard digits.isASCIIDigits else {
            throw fail("digits", "A phone number contains digits, spaces, dashes and a leading + only.")
        }
        let national: Substring
        if digits.hasPrefix("62") {
            national = digits.dropFirst(2)
        } else if digits.hasPrefix("0") {
            national = digits.dropFirst()
        } else {
            national = Substring(digits)
        }
        guard national.hasPrefix("8") else {
            throw fail("notMobile", "An Indonesian mobile number starts with 08 or +62 8.")
        }
        // 10-13 digits nationally including the leading 0 means 9-12 after it.
        guard (9...12).contains(national.count) else {
            throw fail("length", "An Indonesian mobile number has 10 to 13 digits starting with 08.")
        }
        self.rawValue = "+62" + national
    }

    /// A masked form safe for logs: the last three digits.
    public var masked: String { "+628******" + rawValue.suffix(3) }

    /// The masked number, safe for logs.
    public var description: String { masked }
}
