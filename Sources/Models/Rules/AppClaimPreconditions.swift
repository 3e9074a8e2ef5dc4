/// The three ticks the app shows before it offers "Claim JHT" (DOMAIN.md, "What the real
/// app does"): membership inactive, data update done, balance within the online ceiling.
public struct AppClaimPreconditions: Codable, Hashable, Sendable {
    /// The employer has reported the end of work.
    public var membershipInactive: Bool
    /// The data update (pengkinian data, e-KYC with a selfie) is done.
    public var dataUpdateDone: Bool
    /// The balance is below the online ceiling in force.
    public var balanceWithinCeiling: Bool
    /// The ceiling that was applied.
    public var ceiling: Rupiah

    /// The three ticks and the ceiling they were checked against.
    public init(membershipInactive: Bool, dataUpdateDone: Bool, balanceWithinCeiling: Bool, ceiling: Rupiah) {
        self.membershipInactive = membershipInactive
        self.dataUpdateDone = dataUpdateDone
        self.balanceWithinCeiling = balanceWithinCeiling
        self.ceiling = ceiling
    }

    /// All three ticks: the app may offer a claim.
    public var allMet: Bool { membershipInactive && dataUpdateDone && balanceWithinCeiling }
}

extension ClaimRules {
    /// The three preconditions for `participant` on `date`.
    public func appClaimPreconditions(participant: Participant, membership: Membership, on date: LocalDate) -> AppClaimPreconditions {
        let ceiling = channels.ceiling(on: date)
        return AppClaimPreconditions(
            membershipInactive: membership.status == .inactive,
            dataUpdateDone: participant.isDataUpdateDone,
            balanceWithinCeiling: membership.balance < ceiling,
            ceiling: ceiling
        )
    }
}
