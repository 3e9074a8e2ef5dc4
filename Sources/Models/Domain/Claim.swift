import Foundation

/// A JHT claim, from a draft on a phone to payment.
public struct Claim: Codable, Hashable, Sendable, Identifiable {
    /// The claim's id, chosen by the phone that drafted it.
    public var id: ID
    /// The participant who claims.
    public var participantID: Participant.ID
    /// The branch that handles it.
    public var branchID: Branch.ID
    /// Why the participant claims (resignation, retirement, ...).
    public var reason: ClaimReason
    /// The app, Lapak Asik or the branch.
    public var channel: ClaimChannel
    /// Where the claim is in the office workflow; server-owned.
    public var status: ClaimStatus
    /// The documents attached, each a verified upload.
    public var documents: [ClaimDocument]
    /// Where the benefit is paid.
    public var bankAccount: BankAccount?
    /// The tax number (NPWP), when given.
    public var taxNumber: String?
    /// The amount before tax.
    public var grossAmount: Rupiah
    /// Final tax on the lump sum (PP 68/2009).
    public var tax: Rupiah
    /// What is paid into the account.
    public var netAmount: Rupiah
    /// When the claim was drafted.
    public var createdAt: Date
    /// When it was last submitted.
    public var submittedAt: Date?
    /// The SLA clock, started when documents are complete.
    public var sla: SLAClock
    /// What the participant is asked to fix, while a correction is requested.
    public var correction: CorrectionRequest?
    /// Why the claim was rejected or payment failed, when it was.
    public var problem: String?
    /// The end of work the claim follows (its episode), fixed when it is submitted; `nil` for
    /// reasons that follow none.
    public var endOfWork: LocalDate?

    /// A claim with every field given.
    public init(
        id: ID,
        participantID: Participant.ID,
        branchID: Branch.ID,
        reason: ClaimReason,
        channel: ClaimChannel,
        status: ClaimStatus = .draft,
        documents: [ClaimDocument] = [],
        bankAccount: BankAccount? = nil,
        taxNumber: String? = nil,
        grossAmount: Rupiah = .zero,
        tax: Rupiah = .zero,
        netAmount: Rupiah = .zero,
        createdAt: Date,
        submittedAt: Date? = nil,
        sla: SLAClock = SLAClock(),
        correction: CorrectionRequest? = nil,
        problem: String? = nil,
        endOfWork: LocalDate? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.branchID = branchID
        self.reason = reason
        self.channel = channel
        self.status = status
        self.documents = documents
        self.bankAccount = bankAccount
        self.taxNumber = taxNumber
        self.grossAmount = grossAmount
        self.tax = tax
        self.netAmount = netAmount
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.sla = sla
        self.correction = correction
        self.problem = problem
        self.endOfWork = endOfWork
    }

    /// The stage the participant sees.
    public var stage: ParticipantStage? { status.stage }
}

/// What an officer asked the participant to fix, per document or field.
public struct CorrectionRequest: Codable, Hashable, Sendable {
    /// One thing the officer asks the participant to fix.
    public struct Item: Codable, Hashable, Sendable {
        /// The document to replace or add, if the item is about a document.
        public var document: DocumentKind?
        /// A field to correct (for example `bankAccount`), if the item is about data.
        public var field: String?
        /// What is wrong and what to do, in the officer's words.
        public var reason: String

        /// An item about a document, a field, or both.
        public init(document: DocumentKind? = nil, field: String? = nil, reason: String) {
            self.document = document
            self.field = field
            self.reason = reason
        }
    }

    /// What to fix.
    public var items: [Item]
    /// When the officer asked.
    public var requestedAt: Date
    /// The officer who asked.
    public var requestedBy: Officer.ID

    /// A correction request.
    public init(items: [Item], requestedAt: Date, requestedBy: Officer.ID) {
        self.items = items
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
    }
}
