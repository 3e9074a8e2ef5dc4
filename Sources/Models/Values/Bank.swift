/// A bank that pays out claims, with its clearing code and account-number length.
///
/// Codes and common lengths from DOMAIN.md ("Data formats"): BRI 002 / 15 digits,
/// Mandiri 008 / 13, BNI 009 / 10, BCA 014 / 10, BTN 200 / 16, BSI 451 / 10. Account
/// numbers carry no checksum, so the holder's name is confirmed with the bank.
public enum Bank: String, Codable, Hashable, Sendable, CaseIterable {
    case bri = "002"
    case mandiri = "008"
    case bni = "009"
    case bca = "014"
    case btn = "200"
    // BSI's clearing code is 451 (Bank Syariah Indonesia, since its 2021 merger).
    case bsi = "451"

    /// The bank's clearing code, for example `014`.
    public var code: String { rawValue }

    /// The short name people use.
    public var name: String {
        switch self {
        case .bri: "BRI"
        case .mandiri: "Mandiri"
        case .bni: "BNI"
        case .bca: "BCA"
        case .btn: "BTN"
        case .bsi: "BSI"
        }
    }

    /// The number of digits of an account number at this bank.
    public var accountNumberLength: Int {
        switch self {
        case .bca, .bni, .bsi: 10
        case .mandiri: 13
        case .bri: 15
        case .btn: 16
        }
    }

    /// Looks a bank up by its code, failing with a clear error.
    public init(code: String) throws(ValueError) {
        guard let bank = Bank(rawValue: code) else {
            let known = Bank.allCases.map { "\($0.name) \($0.code)" }.joined(separator: ", ")
            throw ValueError(code: "bank.unknown", field: "bankCode", message: "Unknown bank code \(code); known banks: \(known).")
        }
        self = bank
    }
}
