/// Why a participant claims JHT (Permenaker 4/2022, Article 2 onwards).
public enum ClaimReason: String, Codable, Hashable, Sendable, CaseIterable {
    /// Reached retirement age (56, or as the contract says).
    case retirement
    /// Resigned; one month of waiting after the end of work.
    case resignation
    /// Terminated (PHK); one month of waiting after the end of work.
    case termination
    /// A fixed-term contract ended.
    case contractEnded
    /// Leaving Indonesia for good.
    case leavingIndonesia
    /// Permanent total disability.
    case permanentDisability
    /// Death; claimed by an heir, at a branch only.
    case death
    /// Partial claim of 10% of the balance after 10 years of membership, while employed, once.
    case partial10
    /// Partial claim of 30% of the balance (for housing) after 10 years, while employed, once.
    case partial30

    /// Whether this is a partial claim.
    public var isPartial: Bool { self == .partial10 || self == .partial30 }

    /// The share of the balance paid, in percent.
    public var payoutPercent: Int64 {
        switch self {
        case .partial10: 10
        case .partial30: 30
        default: 100
        }
    }
}

/// How a claim is filed (DOMAIN.md, "Channels").
public enum ClaimChannel: String, Codable, Hashable, Sendable, CaseIterable {
    /// Fully online in the mobile app (JMO), for balances within the online ceiling.
    case app
    /// Lapak Asik: online submission plus a scheduled video-call interview.
    case lapakAsik
    /// At a branch counter; anyone, and the fallback when online fails.
    case branch
}
