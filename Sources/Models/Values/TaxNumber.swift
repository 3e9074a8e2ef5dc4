/// An Indonesian tax number (NPWP): 15 digits, often written `12.345.678.9-012.345`, or the 16
/// digits of the NIK-based NPWP in use since 2024 (PMK 112/2022). Normalised to digits only.
public struct TaxNumber: ValidatedString {
    /// The digits.
    public let rawValue: String

    /// Validates and normalises a tax number.
    public init(_ text: String) throws(ValueError) {
        let digits = text.filter { !" .-".contains($0) }
        guard digits.isASCIIDigits else {
            throw ValueError(code: "taxNumber.digits", field: "taxNumber", message: "A tax number (NPWP) has digits, dots and a dash only.")
        }
        guard digits.count == 15 || digits.count == 16 else {
            throw ValueError(
                code: "taxNumber.length",
                field: "taxNumber",
                message: "A tax number (NPWP) has 15 digits, or 16 for the NIK-based NPWP; this one has \(digits.count)."
            )
        }
        rawValue = digits
    }

    /// The number masked to its last three digits, safe for logs.
    public var description: String { String(repeating: "*", count: rawValue.count - 3) + rawValue.suffix(3) }
}
