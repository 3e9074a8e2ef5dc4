/// A participant number (Kartu Peserta Jamsostek): 11 digits in common use.
///
/// DOMAIN.md notes the length is "not confirmed officially"; ``requiredLength`` keeps it
/// in one place. ``description`` is masked because the card number is confidential.
public struct KPJ: ValidatedString {
    /// The number of digits of a KPJ (DOMAIN.md, "Data formats").
    public static let requiredLength = 11

    /// The digits.
    public let rawValue: String

    /// Validates and wraps a KPJ. Spaces and dashes are ignored.
    public init(_ text: String) throws(ValueError) {
        let digits = text.filter { $0 != " " && $0 != "-" }
        guard digits.isASCIIDigits else {
            throw ValueError(code: "kpj.digits", field: "kpj", message: "A KPJ number contains digits only.")
        }
        guard digits.count == Self.requiredLength else {
            throw ValueError(
                code: "kpj.length",
                field: "kpj",
                message: "A KPJ number has \(Self.requiredLength) digits; this one has \(digits.count)."
            )
        }
        self.rawValue = digits
    }

    /// A masked form safe for logs: the last three digits only.
    public var masked: String { String(repeating: "*", count: rawValue.count - 3) + rawValue.suffix(3) }

    /// The masked number, safe for logs.
    public var description: String { masked }
}
