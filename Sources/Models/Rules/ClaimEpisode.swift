/// What one claim pays for: its reason, and the end of work it follows when the reason follows
/// one (resignation, termination, end of contract). A paid episode is never paid again.
public struct ClaimEpisode: Codable, Hashable, Sendable {
    /// The reason claimed.
    public var reason: ClaimReason
    /// The end of work the claim follows; `nil` for reasons that follow none.
    public var endOfWork: LocalDate?

    /// An episode of `reason` after `endOfWork`.
    public init(reason: ClaimReason, endOfWork: LocalDate?) {
        self.reason = reason
        self.endOfWork = endOfWork
    }

    /// The end of work a claim of `reason` follows, from the membership as it stands.
    public static func endOfWork(for reason: ClaimReason, membership: Membership) -> LocalDate? {
        switch reason {
        case .resignation, .termination, .contractEnded: membership.endOfWorkDate
        default: nil
        }
    }
}

extension Claim {
    /// The episode this claim pays for (its end of work is fixed when it is submitted).
    public var episode: ClaimEpisode { ClaimEpisode(reason: reason, endOfWork: endOfWork) }
}

extension ClaimStatus {
    /// Submitted and not closed: the office has it, and the participant waits for it.
    public var isInOffice: Bool {
        switch self {
        case .submitted, .documentsChecked, .verified, .approved, .correctionRequested, .paymentFailed: true
        case .draft, .paid, .rejected, .cancelled: false
        }
    }
}
