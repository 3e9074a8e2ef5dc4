/// Why a claim was rejected, as the officer classifies it: the refusal reasons of the real
/// app (DOMAIN.md, "What the real app does") plus the office's own.
public enum ClaimRejectionCause: String, Codable, Hashable, Sendable, CaseIterable {
    /// Membership still active or the waiting period after the end of work is not over.
    case notEligibleYet
    /// NIK, name or birth date do not match the civil registry.
    case identityMismatch
    /// A document is not genuine or does not support the claim.
    case documentsInvalid
    /// The bank account is not in the participant's name.
    case bankAccountNameMismatch
    /// The same benefit was already claimed.
    case duplicateClaim
    /// Anything else; the reason says what.
    case other
}

/// Why a bank refused a transfer (DOMAIN.md, "What goes wrong today").
public enum PaymentFailureCause: String, Codable, Hashable, Sendable, CaseIterable {
    /// The account is dormant or closed.
    case inactiveAccount
    /// The bank's holder name differs from the participant's (often a mistyped number).
    case holderNameMismatch
    /// The bank has no such account.
    case accountNotFound

    /// What the participant is told, in plain language.
    public var explanation: String {
        switch self {
        case .inactiveAccount: "the bank reports the account as inactive (dormant or closed)"
        case .holderNameMismatch: "the bank has the account under another name; the account number may be mistyped"
        case .accountNotFound: "the bank has no account with this number"
        }
    }
}

/// Stable cause codes in ``AuditEntry/causes``, grouped by what they explain. KPIs count
/// them by the part after the dot.
public enum AuditCause {
    /// A correction item: `document.<kind>` or `field.<name>`.
    public static func correction(_ item: CorrectionRequest.Item) -> String {
        if let document = item.document { return "document.\(document.rawValue)" }
        return "field.\(item.field ?? "other")"
    }

    /// `rejection.<cause>`.
    public static func rejection(_ cause: ClaimRejectionCause) -> String { "rejection.\(cause.rawValue)" }

    /// `payment.<cause>`.
    public static func payment(_ cause: PaymentFailureCause) -> String { "payment.\(cause.rawValue)" }

    /// A payment the bank made after the ledger's balance had dropped below the claim (an entry
    /// posted between finance's check and the transfer): recorded as it happened, for finance to settle.
    public static let ledgerOverdrawn = "ledger.overdrawn"

    /// The part of a code after its group, for example `bankBook` for `document.bankBook`.
    public static func detail(of code: String) -> String {
        guard let dot = code.firstIndex(of: ".") else { return code }
        return String(code[code.index(after: dot)...])
    }
}
