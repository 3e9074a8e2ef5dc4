import Foundation
import Models

/// A participant's identity and contact as the `participant` table keeps them: one sealed
/// value (``AtRestCipher/Purpose/participant``) beside the columns a store queries, with the
/// NIK and KPJ found by their keyed digests (`nikDigest`, `kpjDigest`).
struct SealedParticipant: Codable, Sendable {
    var nik: String
    var kpj: String
    var name: String
    var birthDate: String
    var sex: String
    var phone: String?
    var email: String?
    var employerName: String
    var endOfWorkDate: String?
}

/// An officer's name and phone as the `officer` table keeps them (sealed).
struct SealedOfficer: Codable, Sendable {
    var name: String
    var phone: String?
}

/// A ledger entry's amount and source as the `ledgerEntry` table keeps them, sealed in its
/// `source` column; its `amount` column holds 0.
struct SealedLedgerEntry: Codable, Sendable {
    var amount: Int64
    var source: LedgerEntry.Source
}
