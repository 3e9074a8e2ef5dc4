/// The bank account a claim is paid into: bank, number and the holder's name as the bank
/// book shows it.
///
/// ``description`` masks the number; account numbers never reach a log line.
public struct BankAccount: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The bank.
    public var bank: Bank
    /// The account number, digits only, of the bank's length.
    public var number: String
    /// The holder's name as printed on the bank book.
    public var holderName: String

    /// Validates an account: digits only, the bank's length, a holder name.
    public init(bank: Bank, number: String, holderName: String) throws(ValueError) {
        let digits = number.filter { $0 != " " && $0 != "-" }
        guard digits.isASCIIDigits else {
            throw ValueError(code: "bankAccount.digits", field: "accountNumber", message: "An account number contains digits only.")
        }
        guard digits.count == bank.accountNumberLength else {
            throw ValueError(
                code: "bankAccount.length",
                field: "accountNumber",
                message: "A \(bank.name) account number has \(bank.accountNumberLength) digits; this one has \(digits.count)."
            )
        }
        let name = holderName.trimmingWhitespace()
        guard PlainText.fits(name, maxLength: 100) else {
            throw ValueError(
                code: "bankAccount.holder",
                field: "holderName",
                message: "A holder's name has at most 100 characters and no control characters."
            )
        }
        guard !name.isEmpty else {
            throw ValueError(
                code: "bankAccount.holder",
                field: "holderName",
                message: "Give the account holder's name as on the bank book."
            )
        }
        self.bank = bank
        self.number = digits
        self.holderName = name
    }

    /// The number masked to its last four digits.
    public var maskedNumber: String { String(repeating: "*", count: max(0, number.count - 4)) + number.suffix(4) }

    /// The bank and the masked number, safe for logs.
    public var description: String { "\(bank.name) \(maskedNumber)" }

    private enum CodingKeys: String, CodingKey { case bank = "bankCode", number, holderName }

    /// Decodes an account, checking the number as the initializer does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                bank: Bank(code: container.decode(String.self, forKey: .bank)),
                number: container.decode(String.self, forKey: .number),
                holderName: container.decode(String.self, forKey: .holderName)
            )
        } catch let error as ValueError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error)
            )
        }
    }

    /// Encodes the bank code, number and holder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bank.code, forKey: .bank)
        try container.encode(number, forKey: .number)
        try container.encode(holderName, forKey: .holderName)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
