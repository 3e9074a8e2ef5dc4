extension ClaimRules {
    /// The documents a claim of `reason` needs.
    ///
    /// Source: Permenaker 4/2022 and DOMAIN.md "Rules": participant card and ID for every
    /// reason; proof of end of work for resignation and termination (reference or termination
    /// letter); a bank book in the participant's own name; passport (and stay permit for
    /// foreigners) for leaving Indonesia; a doctor's certificate for disability; death
    /// certificate, heir certificate, heir's ID and family card for death; the tax number
    /// card when the balance is over Rp50,000,000 or a partial claim was taken; a selfie for
    /// app claims (face verification).
    public func requiredDocuments(
        for reason: ClaimReason,
        channel: ClaimChannel,
        membership: Membership,
        isForeigner: Bool = false
    ) -> Set<DocumentKind> {
        var kinds: Set<DocumentKind> = [.idCard, .participantCard, .bankBook]
        switch reason {
        case .resignation: kinds.insert(.referenceLetter)
        case .termination: kinds.insert(.terminationLetter)
        case .contractEnded: kinds.insert(.referenceLetter)
        case .leavingIndonesia:
            kinds.insert(.passport)
            if isForeigner { kinds.insert(.stayPermit) }
        case .permanentDisability: kinds.insert(.doctorCertificate)
        case .death: kinds.formUnion([.deathCertificate, .heirCertificate, .heirIDCard, .familyCard])
        case .retirement, .partial10, .partial30: break
        }
        if requiresTaxNumber(membership: membership) { kinds.insert(.taxNumberCard) }
        if channel == .app { kinds.insert(.selfie) }
        return kinds
    }

    /// Whether a tax number must be given: balance over the threshold, or a partial claim
    /// already taken (DOMAIN.md, "Rules").
    public func requiresTaxNumber(membership: Membership) -> Bool {
        membership.balance > taxNumberRequiredAbove || membership.partialClaimTaken
    }

    /// The required documents a claim still lacks.
    public func missingDocuments(for claim: Claim, membership: Membership) -> Set<DocumentKind> {
        requiredDocuments(for: claim.reason, channel: claim.channel, membership: membership)
            .subtracting(claim.documents.map(\.kind))
    }
}
