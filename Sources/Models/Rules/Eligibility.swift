/// Why a reason cannot be claimed yet. Each case has a stable code and a plain message.
public enum IneligibilityReason: Hashable, Sendable, Codable {
    case belowRetirementAge(age: Int, required: Int)
    case membershipStillActive
    case waitingPeriod(until: LocalDate)
    case endOfWorkNotReported
    case partialNeedsMembershipYears(has: Int, required: Int)
    case partialNeedsActiveMembership
    case partialAlreadyTaken
    /// Another claim of the participant is in the office; one claim at a time.
    case claimInOffice
    /// A claim for the same reason and end of work (the same episode) was already paid.
    case episodeAlreadyPaid
    /// The balance is zero: nothing is left to claim.
    case nothingToClaim

    /// A stable code, for example `eligibility.waitingPeriod`.
    public var code: String {
        switch self {
        case .belowRetirementAge: "eligibility.age"
        case .membershipStillActive: "eligibility.membershipActive"
        case .waitingPeriod: "eligibility.waitingPeriod"
        case .endOfWorkNotReported: "eligibility.endOfWorkNotReported"
        case .partialNeedsMembershipYears: "eligibility.partialYears"
        case .partialNeedsActiveMembership: "eligibility.partialNeedsActiveMembership"
        case .partialAlreadyTaken: "eligibility.partialTaken"
        case .claimInOffice: "eligibility.claimInOffice"
        case .episodeAlreadyPaid: "eligibility.episodePaid"
        case .nothingToClaim: "eligibility.nothingToClaim"
        }
    }

    /// What stands in the way, in plain language.
    public var message: String {
        switch self {
        case .belowRetirementAge(let age, let required):
            "A retirement claim opens at age \(required); you are \(age)."
        case .membershipStillActive:
            "Your membership is still active: your employer has not reported the end of your work."
        case .waitingPeriod(let until):
            "After resignation or termination there is one month of waiting; you can claim from \(until)."
        case .endOfWorkNotReported:
            "Your employer has not reported the date your work ended."
        case .partialNeedsMembershipYears(let has, let required):
            "A partial claim needs \(required) years of membership; you have \(has)."
        case .partialNeedsActiveMembership:
            "A partial claim is for participants who are still employed."
        case .partialAlreadyTaken:
            "A partial claim can be taken once, and yours has been paid."
        case .claimInOffice:
            "You have a claim in process. A new one can be filed once it is paid, rejected or cancelled."
        case .episodeAlreadyPaid:
            "A claim for this reason and this end of work has already been paid."
        case .nothingToClaim:
            "Your JHT balance is Rp0: there is nothing to claim."
        }
    }
}

extension ClaimRules {
    /// Whether `reason` can be claimed on `date`; an empty list means eligible.
    ///
    /// Claim history is an input: `history` holds every claim of the participant (any status);
    /// `claim`, when given, is the one being decided and does not count against itself. One
    /// claim is in the office at a time; a paid claim's episode (its reason and end of work)
    /// cannot be paid again; a partial claim is taken once; an empty balance has nothing to pay.
    ///
    /// Sources: Permenaker 4/2022 Art. 3-12 (reasons, one month of waiting after resignation
    /// or termination), PP 46/2015 Art. 22 (partial claims after 10 years, once). Reasons
    /// proven by documents (disability, leaving Indonesia, death, end of contract) are
    /// checked by officers, not here. Employer arrears never block a claim.
    public func ineligibility(
        for reason: ClaimReason,
        participant: Participant,
        membership: Membership,
        history: [Claim],
        excluding claim: Claim.ID? = nil,
        on date: LocalDate
    ) -> [IneligibilityReason] {
        let others = history.filter { $0.id != claim }
        var reasons = ruleIneligibility(for: reason, participant: participant, membership: membership, history: others, on: date)
        if others.contains(where: \.status.isInOffice) { reasons.append(.claimInOffice) }
        let episode = ClaimEpisode(reason: reason, endOfWork: ClaimEpisode.endOfWork(for: reason, membership: membership))
        if others.contains(where: { $0.status == .paid && $0.episode == episode }), !reason.isPartial {
            reasons.append(.episodeAlreadyPaid)
        }
        if membership.balance <= .zero { reasons.append(.nothingToClaim) }
        return reasons
    }

    /// The rules of the reason itself (age, membership, waiting period, partial claims).
    func ruleIneligibility(
        for reason: ClaimReason,
        participant: Participant,
        membership: Membership,
        history: [Claim],
        on date: LocalDate
    ) -> [IneligibilityReason] {
        switch reason {
        case .retirement:
            let age = participant.birthDate.years(until: date)
            return age >= retirementAge ? [] : [.belowRetirementAge(age: age, required: retirementAge)]
        case .resignation, .termination:
            guard membership.status == .inactive else { return [.membershipStillActive] }
            guard let end = membership.endOfWorkDate else { return [.endOfWorkNotReported] }
            let opens = end.adding(months: waitingPeriodMonths)
            return date >= opens ? [] : [.waitingPeriod(until: opens)]
        case .contractEnded:
            guard membership.status == .inactive else { return [.membershipStillActive] }
            return membership.endOfWorkDate == nil ? [.endOfWorkNotReported] : []
        case .leavingIndonesia, .permanentDisability, .death:
            return []
        case .partial10, .partial30:
            var reasons: [IneligibilityReason] = []
            let years = membership.yearsOfMembership(on: date)
            if years < partialClaimMinimumYears {
                reasons.append(.partialNeedsMembershipYears(has: years, required: partialClaimMinimumYears))
            }
            if membership.status != .active { reasons.append(.partialNeedsActiveMembership) }
            if membership.partialClaimTaken || history.contains(where: { $0.reason.isPartial && $0.status == .paid }) {
                reasons.append(.partialAlreadyTaken)
            }
            return reasons
        }
    }

    /// Gross, tax and net for a claim of `reason` on `membership`'s balance.
    public func payout(for reason: ClaimReason, membership: Membership) -> (gross: Rupiah, tax: Rupiah, net: Rupiah) {
        let gross = membership.balance.fraction(reason.payoutPercent, over: 100)
        let taxAmount = tax.tax(on: gross, hasTaxNumber: membership.hasTaxNumber)
        return (gross, taxAmount, gross - taxAmount)
    }
}
