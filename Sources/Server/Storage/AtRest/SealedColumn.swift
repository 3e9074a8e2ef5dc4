import Foundation

/// A column whose every value a store keeps sealed, with what it is sealed for. Both stores
/// seal, migrate and reseal the same list, so a new column of personal data is added here once.
struct SealedColumn: Sendable {
    var table: String
    var column: String
    var purpose: AtRestCipher.Purpose
    /// The table refuses updates (an append-only log): resealing lifts its guard for the
    /// length of the transaction.
    var appendOnly = false

    static let all: [SealedColumn] = [
        SealedColumn(table: "participant", column: "personal", purpose: .participant),
        SealedColumn(table: "officer", column: "personal", purpose: .officer),
        SealedColumn(table: "syncRecord", column: "state", purpose: .recordState),
        SealedColumn(table: "syncResult", column: "result", purpose: .mutationResult),
        SealedColumn(table: "ledgerEntry", column: "source", purpose: .ledgerEntry, appendOnly: true),
        SealedColumn(table: "officeAudit", column: "entry", purpose: .auditEntry, appendOnly: true),
        SealedColumn(table: "officeClaim", column: "claim", purpose: .officeClaim),
        SealedColumn(table: "officeSurvey", column: "survey", purpose: .survey),
        SealedColumn(table: "officeBiometricAttempt", column: "attempt", purpose: .biometricAttempt),
        SealedColumn(table: "upload", column: "metadata", purpose: .uploadMetadata),
    ]

    /// Whether a stored value must be sealed (again): it is plain, or sealed under another key
    /// than `kid`.
    static func needsSealing(_ value: Data, under kid: String) -> Bool {
        AtRestCipher.kid(of: value) != kid
    }
}
