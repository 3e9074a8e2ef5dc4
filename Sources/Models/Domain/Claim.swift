import Foundation

/// A JHT claim, from a draft on a phone to payment.
public struct Claim: Codable, Hashable, Sendable, Identifiable {
    public var id: ID
    public var participantID: Participant.ID
    public var branchID: Branch.ID
    public var reason: ClaimReason
    public var channel: ClaimChannel
    /// Where the claim is in the office workflow; server-owned.
    public var status: ClaimStatus
    public var documents: [ClaimDocument]
    public var bankAccount: BankAccount?
    /// The tax number (NPWP), when given.
    public var taxNumber: String?
    /// The amount before tax.
    public var grossAmount: Rupiah
    /// Final tax on the lump sum (PP 68/2009).
    public var tax: Rupiah
    /// What is paid into the account.
    public var netAmount: Rupiah
    public var createdAt: Date
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
    public struct Item: Codable, Hashable, Sendable {
        /// The document to replace or add, if the item is about a document.
        public var document: DocumentKind?
        /// A field to correct (for example `bankAccount`), if the item is about data.
        public var field: String?
        public var reason: String

        public init(document: DocumentKind? = nil, field: String? = nil, reason: String) {
            self.document = document
            self.field = field
            self.reason = reason
        }
    }

    public var items: [Item]
    public var requestedAt: Date
    public var requestedBy: Officer.ID

    public init(items: [Item], requestedAt: Date, requestedBy: Officer.ID) {
        self.items = items
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
    }
}
