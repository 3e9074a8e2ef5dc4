import Foundation
import Models

extension FieldFormat {
    /// Why `value` may not be written into `field`; `nil` when it may. The rules are the ones
    /// Models uses everywhere else (bank account lengths per bank, tax number, phone, e-mail, ...),
    /// so what a phone writes here is what submitting the claim later reads.
    public func rejection(of value: JSONValue, field: String) -> Rejection? {
        if value == .null {
            return isNullable ? nil : Rejection(code: "field.required", message: "'\(field)' cannot be empty.", fields: [field])
        }
        do {
            switch self {
            case .bankAccount: _ = try value.decode(as: BankAccount.self)
            case .taxNumber: _ = try TaxNumber(try string(value, field))
            case .phone: _ = try PhoneNumber(try string(value, field))
            case .email: _ = try EmailAddress(try string(value, field))
            case .language: _ = try value.decode(as: Language.self)
            case .claimReason: _ = try value.decode(as: ClaimReason.self)
            case .claimChannel: _ = try value.decode(as: ClaimChannel.self)
            case .timestamp: _ = try value.decode(as: Date.self)
            }
            return nil
        } catch let error as ValueError {
            return Rejection(code: error.code, message: error.message, fields: [field])
        } catch let DecodingError.dataCorrupted(context) {
            if let error = context.underlyingError as? ValueError {
                return Rejection(code: error.code, message: error.message, fields: [field])
            }
            return invalid(field)
        } catch {
            return invalid(field)
        }
    }

    private func string(_ value: JSONValue, _ field: String) throws -> String {
        guard let text = value.stringValue else { throw ValueError(code: "field.invalid", field: field, message: expectation(field)) }
        return text
    }

    private func invalid(_ field: String) -> Rejection {
        Rejection(code: "field.invalid", message: expectation(field), fields: [field])
    }

    /// What the field holds, in plain words.
    func expectation(_ field: String) -> String {
        switch self {
        case .bankAccount: "'\(field)' is a bank account: bankCode, number and holderName."
        case .taxNumber: "'\(field)' is a tax number (NPWP) of 15 or 16 digits."
        case .phone: "'\(field)' is an Indonesian mobile number, for example 081234567890."
        case .email: "'\(field)' is an e-mail address, for example name@example.co.id."
        case .language: "'\(field)' is one of: \(Language.allCases.map(\.rawValue).joined(separator: ", "))."
        case .claimReason: "'\(field)' is one of: \(ClaimReason.allCases.map(\.rawValue).joined(separator: ", "))."
        case .claimChannel: "'\(field)' is one of: \(ClaimChannel.allCases.map(\.rawValue).joined(separator: ", "))."
        case .timestamp: "'\(field)' is an ISO 8601 date and time, for example 2026-12-03T10:00:00Z."
        }
    }
}
