import Foundation
import Models

/// A named intent with its arguments read once, into the type each intent takes. The server
/// decides on this; the phone predicts from it; nothing reads an intent's arguments twice.
public enum IntentCall: Hashable, Sendable {
    case createClaimDraft(CreateClaimDraft)
    case submitClaim(ClaimStep)
    case resubmitClaim(ClaimStep)
    case cancelClaim(ClaimStep)
    case attachDocument(AttachDocument)
    case provideNewBankAccount(ProvideNewBankAccount)
    case reportBiometricAttempt(ReportBiometricAttempt)
    case submitSurvey(SubmitSurvey)

    /// Reads `intent`'s arguments.
    /// - Throws: a ``Rejection`` naming the argument that is missing, unknown or not valid.
    public init(_ intent: Intent) throws(Rejection) {
        switch intent.name {
        case .createClaimDraft: self = .createClaimDraft(try Self.read(intent))
        case .submitClaim: self = .submitClaim(try Self.read(intent))
        case .resubmitClaim: self = .resubmitClaim(try Self.read(intent))
        case .cancelClaim: self = .cancelClaim(try Self.read(intent))
        case .attachDocument: self = .attachDocument(try Self.read(intent))
        case .provideNewBankAccount: self = .provideNewBankAccount(try Self.read(intent))
        case .reportBiometricAttempt: self = .reportBiometricAttempt(try Self.read(intent))
        case .submitSurvey: self = .submitSurvey(try Self.read(intent))
        }
    }

    /// The intent as it travels.
    public var intent: Intent {
        switch self {
        case .createClaimDraft(let arguments): Intent(name: .createClaimDraft, arguments: arguments.object)
        case .submitClaim(let arguments): Intent(name: .submitClaim, arguments: arguments.object)
        case .resubmitClaim(let arguments): Intent(name: .resubmitClaim, arguments: arguments.object)
        case .cancelClaim(let arguments): Intent(name: .cancelClaim, arguments: arguments.object)
        case .attachDocument(let arguments): Intent(name: .attachDocument, arguments: arguments.object)
        case .provideNewBankAccount(let arguments): Intent(name: .provideNewBankAccount, arguments: arguments.object)
        case .reportBiometricAttempt(let arguments): Intent(name: .reportBiometricAttempt, arguments: arguments.object)
        case .submitSurvey(let arguments): Intent(name: .submitSurvey, arguments: arguments.object)
        }
    }

    /// The claim the intent names in its arguments, when it names one.
    public var claimID: Claim.ID? {
        switch self {
        case .createClaimDraft(let arguments): arguments.claimID
        case .submitClaim(let arguments), .resubmitClaim(let arguments), .cancelClaim(let arguments): arguments.claimID
        case .attachDocument(let arguments): arguments.claimID
        case .provideNewBankAccount(let arguments): arguments.claimID
        case .reportBiometricAttempt, .submitSurvey: nil
        }
    }

    static func read<Arguments: IntentArguments>(_ intent: Intent) throws(Rejection) -> Arguments {
        let unknown = Set(intent.arguments.keys).subtracting(Arguments.argumentNames).sorted()
        guard unknown.isEmpty else {
            throw Rejection(
                code: "intent.unknownArgument",
                message:
                    "\(intent.name.rawValue) takes \(Arguments.argumentNames.sorted().joined(separator: ", ")); not \(unknown.joined(separator: ", ")).",
                fields: unknown
            )
        }
        do {
            return try JSONValue.object(intent.arguments.filter { $0.value != .null }).decode(as: Arguments.self)
        } catch let DecodingError.keyNotFound(key, _) {
            let name = key.stringValue
            throw Rejection(code: "intent.missingArgument", message: "\(intent.name.rawValue) needs '\(name)'.", fields: [name])
        } catch {
            let field = (error as? DecodingError)?.argumentName ?? "arguments"
            let detail = (error as? DecodingError)?.valueMessage
            throw Rejection(
                code: "intent.invalidArgument",
                message: detail ?? "'\(field)' of \(intent.name.rawValue) is not valid.",
                fields: [field]
            )
        }
    }
}

extension Intent {
    /// The intent of a typed call.
    public init(_ call: IntentCall) { self = call.intent }
}

extension DecodingError {
    /// The top-level argument the error is about.
    var argumentName: String? {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        return path.first?.stringValue
    }

    /// A value's own complaint (a bank account's, a survey score's), when the value gave one.
    var valueMessage: String? {
        if case .dataCorrupted(let context) = self {
            if let error = context.underlyingError as? ValueError { return error.message }
            return context.debugDescription.isEmpty ? nil : context.debugDescription
        }
        return nil
    }
}
