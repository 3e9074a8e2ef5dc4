/// What a value a phone writes into a field must be. Declared next to each model's merge
/// policies (`*+SyncSchema.swift`) and checked by the one merge function when a phone writes:
/// an invalid value is refused with a field-level reason and never stored, so nothing the
/// server accepted can later make a record unreadable.
public enum FieldFormat: Hashable, Sendable {
    /// A ``BankAccount`` (bank code, an account number of that bank's length, the holder's name).
    case bankAccount
    /// A ``TaxNumber`` (NPWP).
    case taxNumber
    /// A ``PhoneNumber``.
    case phone
    /// An ``EmailAddress``.
    case email
    /// A ``Language``.
    case language
    /// A ``ClaimReason``.
    case claimReason
    /// A ``ClaimChannel``.
    case claimChannel
    /// An ISO 8601 instant.
    case timestamp

    /// Whether `null` (clearing the field) is allowed.
    public var isNullable: Bool {
        switch self {
        case .bankAccount, .taxNumber, .phone, .email, .timestamp: true
        case .language, .claimReason, .claimChannel: false
        }
    }
}
