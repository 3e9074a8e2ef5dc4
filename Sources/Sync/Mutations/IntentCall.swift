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

    /// Checks that the arguments `decoder` holds have the shape intent `name` takes, as the
    /// contract's argument schemas say: only the arguments it lists, each of its JSON type,
    /// the required ones present. A value's own rule (a bank account number's length for its
    /// bank) is not checked here: the server refuses such a mutation with a reason the
    /// participant can act on, as it does a claim step the claim's state does not allow.
    /// - Throws: the `DecodingError` of the first argument of the wrong shape.
    public static func checkShape(of name: Intent.Name, in decoder: any Decoder) throws {
        try checkShape(argumentsType(of: name), in: decoder)
    }

    /// The type of the arguments intent `name` takes.
    static func argumentsType(of name: Intent.Name) -> any IntentArguments.Type {
        switch name {
        case .createClaimDraft: CreateClaimDraft.self
        case .submitClaim, .resubmitClaim, .cancelClaim: ClaimStep.self
        case .attachDocument: AttachDocument.self
        case .provideNewBankAccount: ProvideNewBankAccount.self
        case .reportBiometricAttempt: ReportBiometricAttempt.self
        case .submitSurvey: SubmitSurvey.self
        }
    }

    private static func checkShape<Arguments: IntentArguments>(_ type: Arguments.Type, in decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(Arguments.argumentNames)
        do {
            _ = try Arguments(from: decoder)
        } catch let error as DecodingError where error.brokeARule {
            return
        }
    }

    /// Checks that `intent`'s arguments have the shape the contract gives them, as a push's
    /// decoding does (``checkShape(of:in:)``), naming the argument that has not. A phone
    /// refuses such an intent before it enters the outbox: the server would refuse the whole
    /// push holding it. A value's own rule is left to the server, which refuses that mutation
    /// alone, with a reason the participant can act on.
    /// - Throws: a ``Rejection`` naming the argument that is missing, unknown or of the wrong type.
    public static func checkShape(_ intent: Intent) throws(Rejection) {
        func failure<Arguments: IntentArguments>(_ type: Arguments.Type) -> ArgumentFailure? {
            if case .failure(let failure) = decode(type, intent) { return failure }
            return nil
        }
        if let found = failure(argumentsType(of: intent.name)), !found.brokenRule { throw found.rejection }
    }

    static func read<Arguments: IntentArguments>(_ intent: Intent) throws(Rejection) -> Arguments {
        switch decode(Arguments.self, intent) {
        case .success(let arguments): return arguments
        case .failure(let failure): throw failure.rejection
        }
    }

    /// Why arguments could not be read: the rejection, and whether only a value's own rule
    /// was broken (the shape was right).
    struct ArgumentFailure: Error {
        var rejection: Rejection
        var brokenRule = false
    }

    private static func decode<Arguments: IntentArguments>(_ type: Arguments.Type, _ intent: Intent) -> Result<Arguments, ArgumentFailure> {
        let unknown = Set(intent.arguments.keys).subtracting(Arguments.argumentNames).sorted()
        guard unknown.isEmpty else {
            return .failure(
                ArgumentFailure(
                    rejection: Rejection(
                        code: "intent.unknownArgument",
                        message:
                            "\(intent.name.rawValue) takes \(Arguments.argumentNames.sorted().joined(separator: ", ")); not \(unknown.joined(separator: ", ")).",
                        fields: unknown
                    )
                )
            )
        }
        do {
            return .success(try JSONValue.object(intent.arguments.filter { $0.value != .null }).decode(as: Arguments.self))
        } catch let DecodingError.keyNotFound(key, _) {
            let name = key.stringValue
            return .failure(
                ArgumentFailure(
                    rejection: Rejection(
                        code: "intent.missingArgument",
                        message: "\(intent.name.rawValue) needs '\(name)'.",
                        fields: [name]
                    )
                )
            )
        } catch {
            let decoding = error as? DecodingError
            let field = decoding?.argumentName ?? "arguments"
            let rejection = Rejection(
                code: "intent.invalidArgument",
                message: decoding?.valueMessage ?? "'\(field)' of \(intent.name.rawValue) is not valid.",
                fields: [field]
            )
            return .failure(ArgumentFailure(rejection: rejection, brokenRule: decoding?.brokeARule ?? false))
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

    /// The value was of the right shape but broke its own rule (a bank account number's length).
    var brokeARule: Bool {
        if case .dataCorrupted(let context) = self { return context.underlyingError is ValueError }
        return false
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
