/// A stable, machine-readable code of a refusal: a problem response's `code` or a rejected
/// mutation's. Phones and clients switch on it; the words a participant reads are keyed by it.
///
/// The catalog is ``problems`` and ``rejections``: `openapi/openapi.yaml` lists the same codes as
/// the `ProblemCode` and `RejectionCode` enums, and tests fail when the contract, this catalog
/// and the codes in the sources disagree. A code a newer server sends still decodes (it is
/// just not in the catalog), so an app keeps working and shows its fallback words.
public struct RefusalCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code, for example `claim.documentsMissing`.
    public var rawValue: String

    /// A code from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code written as a literal, for example in a table of messages.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Decodes the code from its string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the code as its string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The code.
    public var description: String { rawValue }

    /// Whether the catalog knows the code.
    public var isKnown: Bool { Self.problems.contains(self) || Self.rejections.contains(self) }

    /// Every code a problem response (`application/problem+json`) can carry.
    public static let problems: Set<RefusalCode> = [
        "appointment.alreadyBooked", "appointment.dayOff", "auth.addressLimited", "auth.noSigningKey", "auth.notYourSession",
        "auth.sessionEnded",
        "request.tooLarge", "request.tooSlow", "appointment.full", "appointment.kindNotAllowed",
        "appointment.notToday", "appointment.notYet", "appointment.outsideHours", "appointment.startsAt", "appointment.tooFar",
        "appointment.tooSoon", "auth.codeExpired", "auth.invalidCode", "auth.invalidRefreshToken", "auth.invalidTicket",
        "auth.invalidToken", "auth.noPhoneOnFile", "auth.officerNotFound", "auth.officerOnly", "auth.participantNotFound",
        "auth.participantOnly", "auth.refreshTokenReused", "auth.required", "auth.tooManyAttempts", "auth.tooManyCodes",
        "bank.unknown", "bankAccount.digits", "bankAccount.holder", "bankAccount.length", "branch.unknown",
        "challengeId.format", "claim.alreadyPaid", "claim.balanceInsufficient", "claim.bankAccountMissing",
        "claim.identityUnverified", "claim.notFound", "claimId.format", "clock.advance", "clock.backwards",
        "clock.notSimulated", "code.format", "correction.item", "cursor.invalid", "date.format", "days.range",
        "deviceId.format", "document.notFound", "email.shape", "employeeNumber.format", "fallback.invalidInput",
        "fallback.otherBranch", "fallback.roleRequired", "id.format", "internal", "kpj.digits", "kpj.length",
        "ledger.batchEmpty", "ledger.batchTooLarge", "ledger.postingInvalid", "limit.range", "nik.day", "nik.digits",
        "nik.length", "nik.month", "nik.region", "nik.serial", "office.adapterUnavailable", "office.roleNotHeld",
        "participant.notFound", "participantId.format", "period.date", "period.range", "phone.digits", "phone.length",
        "phone.notMobile", "reason.required", "request.invalid", "request.mediaType", "route.methodNotAllowed",
        "route.notFound", "service.unavailable", "survey.comment", "survey.score", "sync.batchTooLarge", "sync.counterGap",
        "sync.deviceMismatch", "sync.deviceOfAnotherParticipant", "sync.forbidden", "sync.invalidMutation",
        "sync.malformedBatch", "sync.participantOnly", "taxNumber.digits", "taxNumber.length", "text.unstorable",
        "ticket.claimClosed", "ticket.id", "ticket.invalidTransition", "ticket.notFound", "upload.attached", "upload.busy",
        "upload.checksumAlgorithm", "upload.checksumHeader", "upload.checksumMismatch", "upload.contentType",
        "upload.disguisedType", "upload.empty", "upload.exceedsLength", "upload.expired", "upload.fileChecksumMismatch",
        "upload.lengthRequired", "upload.metadata", "upload.notFound", "upload.offsetMismatch", "upload.tooLarge",
        "upload.tooManyOpen", "upload.tusVersion", "upload.type", "validation", "workflow.fourEyes", "workflow.invalidInput",
        "workflow.invalidTransition", "workflow.otherBranch", "workflow.participantOnly", "workflow.roleRequired",
        "year.range",
    ]

    /// Every code a rejected mutation can carry (the server's, and the phone's own before it sends).
    public static let rejections: Set<RefusalCode> = [
        "attempt.alreadyVerified", "attempt.claimClosed", "attempt.fallbackOpen", "attempt.identityRejected",
        "attempt.inFuture", "attempt.invalid", "attempt.otherDevice", "attempt.otherParticipant", "attempt.rateLimited",
        "bank.unknown", "bankAccount.digits", "bankAccount.holder", "bankAccount.length", "claim.bankAccountHolderMismatch",
        "claim.bankAccountMissing", "claim.channelNotAllowed", "claim.dataUpdateRequired", "claim.documentsMissing",
        "claim.fallbackPending", "claim.notFound", "claim.notReady", "claim.otherParticipant", "claim.taxNumberRequired",
        "claim.tooManyOpen", "claim.unreadable", "clock.skew", "document.alreadyAttached", "document.checksum",
        "document.empty", "document.invalid", "document.kindMismatch", "document.mismatch", "document.otherClaim",
        "document.selfieNotPhoto", "document.tooLarge", "document.type", "document.unverified", "document.uploadIncomplete",
        "document.uploadNotFound", "element.notFound", "eligibility.age", "eligibility.claimInOffice",
        "eligibility.endOfWorkNotReported", "eligibility.episodePaid", "eligibility.membershipActive",
        "eligibility.nothingToClaim", "eligibility.partialNeedsActiveMembership", "eligibility.partialTaken",
        "eligibility.partialYears", "eligibility.waitingPeriod", "email.shape", "field.appendOnly", "field.intentOnly",
        "field.invalid", "field.locked", "field.required", "field.serverOwned", "field.unknown", "field.wrongOperation",
        "fields.rejected", "intent.invalidArgument", "intent.invalidTarget", "intent.missingArgument", "intent.notMerged",
        "intent.unknownArgument", "mutation.counterReused", "mutation.empty", "mutation.replayUnknown", "phone.digits",
        "phone.length", "phone.notMobile", "record.createNotAllowed", "record.deleteNotAllowed", "record.deleted",
        "record.exists", "record.idFormat", "record.idTaken", "record.notAnObject", "record.notFound", "record.unknownType",
        "record.unreadable", "survey.alreadySubmitted", "survey.claimNotPaid", "survey.comment", "survey.invalid",
        "survey.score", "taxNumber.digits", "taxNumber.length", "ticket.unreadable", "upload.bytesMissing",
        "upload.locationInvalid", "upload.offsetInvalid", "upload.refused", "workflow.fourEyes", "workflow.invalidInput",
        "workflow.invalidTransition", "workflow.otherBranch", "workflow.participantOnly", "workflow.roleRequired",
    ]
}

extension Rejection {
    /// The rejection's code in the catalog's type.
    public var refusalCode: RefusalCode { RefusalCode(rawValue: code) }
}
