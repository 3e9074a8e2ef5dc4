// What the stores seal, one purpose per column (or blob) that holds personal data. A value
// sealed for one purpose does not open as another's.
extension AtRestCipher.Purpose {
    /// A participant's identity and contact (NIK, KPJ, name, birth date, sex, phone, e-mail,
    /// employer, end of work) in the `participant` table.
    public static let participant = Self("participant.personal")
    /// An officer's name and phone in the `officer` table.
    public static let officer = Self("officer.personal")
    /// The lookup digest of a NIK.
    public static let nikLookup = Self("participant.nik")
    /// The lookup digest of a KPJ.
    public static let kpjLookup = Self("participant.kpj")
    /// A synced record's state (profile, claims with their bank accounts, membership, tickets…).
    public static let recordState = Self("syncRecord.state")
    /// A mutation's stored result (it carries the server's record).
    public static let mutationResult = Self("syncResult.result")
    /// A ledger entry's amount and source.
    public static let ledgerEntry = Self("ledgerEntry.entry")
    /// An audit entry.
    public static let auditEntry = Self("officeAudit.entry")
    /// The office's copy of a claim.
    public static let officeClaim = Self("officeClaim.claim")
    /// A satisfaction survey.
    public static let survey = Self("officeSurvey.survey")
    /// A face-verification attempt.
    public static let biometricAttempt = Self("officeBiometricAttempt.attempt")
    /// An upload's metadata (file name, document kind).
    public static let uploadMetadata = Self("upload.metadata")
    /// A frame of a document's bytes in the blob folder.
    public static let blobFrame = Self("blob.frame")
}
