import Foundation
import Models

/// The arguments of each named intent: what a phone may send, checked when the intent is read.
/// Unknown arguments are refused, so a phone learns from the contract, not from the server's
/// refusals, what it may write.
public protocol IntentArguments: Codable, Hashable, Sendable {
    /// Every argument this intent takes.
    static var argumentNames: Set<String> { get }
}

extension IntentArguments where Self: Codable {
    /// The arguments as the intent's JSON object.
    public var object: [String: JSONValue] {
        (try? JSONValue(encoding: self))?.objectValue ?? [:]
    }
}

/// `createClaimDraft`: starts a claim draft named by the mutation's record. Only `reason` is
/// needed; the server decides the rest from the participant's account. A phone that predicts
/// the draft locally may send what it assumed (`participantID`, `branchID`, `createdAt`): the
/// participant must be the caller; the server's own branch and time stand.
public struct CreateClaimDraft: IntentArguments {
    /// The claim's id: the record's, when given.
    public var claimID: Claim.ID?
    /// Why the participant claims.
    public var reason: ClaimReason
    /// The channel; the first the balance allows when absent.
    public var channel: ClaimChannel?
    /// Who the phone assumed the claim is for: must be the caller.
    public var participantID: Participant.ID?
    /// The branch the phone assumed; the participant's own branch stands.
    public var branchID: Branch.ID?
    /// When the phone created the draft; the server's time stands.
    public var createdAt: Date?

    /// The arguments of a draft for `reason`.
    public init(
        claimID: Claim.ID? = nil,
        reason: ClaimReason,
        channel: ClaimChannel? = nil,
        participantID: Participant.ID? = nil,
        branchID: Branch.ID? = nil,
        createdAt: Date? = nil
    ) {
        self.claimID = claimID
        self.reason = reason
        self.channel = channel
        self.participantID = participantID
        self.branchID = branchID
        self.createdAt = createdAt
    }

    /// Every argument `createClaimDraft` takes.
    public static let argumentNames: Set<String> = ["claimID", "reason", "channel", "participantID", "branchID", "createdAt"]
}

/// `submitClaim`, `resubmitClaim`, `cancelClaim`: a step on the claim the mutation's record names.
public struct ClaimStep: IntentArguments {
    /// The claim's id, when given: it must be the record's.
    public var claimID: Claim.ID?

    /// A step on the record's claim (named again by `claimID`, when given).
    public init(claimID: Claim.ID? = nil) { self.claimID = claimID }

    /// Every argument a claim step takes.
    public static let argumentNames: Set<String> = ["claimID"]
}

/// `attachDocument`: attaches a finished, verified upload of the participant to the claim the
/// mutation's record names. What the phone knows of its file is checked against the upload.
public struct AttachDocument: IntentArguments {
    /// The finished upload (required by the server; a phone holds the attach until it has it).
    public var uploadID: UUID?
    /// The id the phone gave the document; the upload's id when absent.
    public var documentID: UUID?
    /// The document's kind; the upload's `kind` metadata when absent.
    public var kind: DocumentKind?
    /// The file's SHA-256 (hex); required when the upload carried no checksum to verify against.
    public var sha256: String?
    /// The file's size in bytes.
    public var byteCount: Int64?
    /// The file's media type, for example `image/jpeg`.
    public var contentType: String?
    /// The claim's id, when given: it must be the record's.
    public var claimID: Claim.ID?

    /// The arguments of attaching an upload.
    public init(
        uploadID: UUID? = nil,
        documentID: UUID? = nil,
        kind: DocumentKind? = nil,
        sha256: String? = nil,
        byteCount: Int64? = nil,
        contentType: String? = nil,
        claimID: Claim.ID? = nil
    ) {
        self.uploadID = uploadID
        self.documentID = documentID
        self.kind = kind
        self.sha256 = sha256
        self.byteCount = byteCount
        self.contentType = contentType
        self.claimID = claimID
    }

    /// Every argument `attachDocument` takes.
    public static let argumentNames: Set<String> = ["uploadID", "documentID", "kind", "sha256", "byteCount", "contentType", "claimID"]
}

/// `provideNewBankAccount`: another account after a failed payment (or during a correction).
public struct ProvideNewBankAccount: IntentArguments {
    /// The new account, in the participant's own name.
    public var bankAccount: BankAccount
    /// The claim's id, when given: it must be the record's.
    public var claimID: Claim.ID?

    /// The arguments of giving `bankAccount`.
    public init(bankAccount: BankAccount, claimID: Claim.ID? = nil) {
        self.bankAccount = bankAccount
        self.claimID = claimID
    }

    /// Every argument `provideNewBankAccount` takes.
    public static let argumentNames: Set<String> = ["bankAccount", "claimID"]
}

/// `reportBiometricAttempt`: a face-verification attempt, recorded once as the record it names.
public struct ReportBiometricAttempt: IntentArguments {
    /// The attempt as the phone made it.
    public var attempt: BiometricAttempt

    /// The arguments of reporting `attempt`.
    public init(attempt: BiometricAttempt) { self.attempt = attempt }

    /// Every argument `reportBiometricAttempt` takes.
    public static let argumentNames: Set<String> = ["attempt"]
}

/// `submitSurvey`: the satisfaction survey of a paid claim, once per claim.
public struct SubmitSurvey: IntentArguments {
    /// The answers: scores 1 to 5 and an optional comment.
    public struct Answers: Codable, Hashable, Sendable {
        /// The survey's id; the mutation's when absent.
        public var id: SurveyResponse.ID?
        /// The paid claim it is about.
        public var claimID: Claim.ID
        /// Clarity of information, 1 to 5.
        public var clarity: Int
        /// Speed, 1 to 5.
        public var speed: Int
        /// The overall experience, 1 to 5.
        public var overall: Int
        /// What the participant adds, at most 2,000 characters.
        public var comment: String?

        /// Answers about `claimID`.
        public init(id: SurveyResponse.ID? = nil, claimID: Claim.ID, clarity: Int, speed: Int, overall: Int, comment: String? = nil) {
            self.id = id
            self.claimID = claimID
            self.clarity = clarity
            self.speed = speed
            self.overall = overall
            self.comment = comment
        }
    }

    /// The answers.
    public var survey: Answers

    /// The arguments of answering `survey`.
    public init(survey: Answers) { self.survey = survey }

    /// Every argument `submitSurvey` takes.
    public static let argumentNames: Set<String> = ["survey"]
}
