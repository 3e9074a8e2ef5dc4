import Foundation
import Models

/// One check of the back office's verification: right person (NIK, name, birth date against
/// the civil registry) and right amount (the claim against the ledger balance).
struct VerificationFinding: Codable, Hashable, Sendable {
    enum Check: String, Codable, Hashable, Sendable, CaseIterable {
        case nik
        case name
        case birthDate
        case balance
    }

    var check: Check
    var matches: Bool
    /// What was compared, for the officer.
    var detail: String

    /// The audit cause code of a mismatch: `identity.nikUnknown`, `identity.nameMismatch`,
    /// `identity.birthDateMismatch` or `balance.mismatch`.
    var causeCode: String {
        switch check {
        case .nik: "identity.nikUnknown"
        case .name: "identity.nameMismatch"
        case .birthDate: "identity.birthDateMismatch"
        case .balance: "balance.mismatch"
        }
    }
}

/// The back office's checks, without I/O: the participant against the registry's record and
/// the claim's amount against what the ledger balance gives.
enum Verification {
    static func findings(
        participant: Participant,
        registry: CivilRegistryRecord?,
        claim: Claim,
        expectedGross: Rupiah
    ) -> [VerificationFinding] {
        var findings: [VerificationFinding] = []
        if let registry {
            findings.append(VerificationFinding(check: .nik, matches: true, detail: "The civil registry knows this NIK."))
            let sameName = normalName(registry.name) == normalName(participant.name)
            findings.append(
                VerificationFinding(
                    check: .name,
                    matches: sameName,
                    detail: sameName
                        ? "The name matches the civil registry."
                        : "The civil registry has the name \"\(registry.name)\"; the membership has \"\(participant.name)\"."
                )
            )
            let sameBirthDate = registry.birthDate == participant.birthDate
            findings.append(
                VerificationFinding(
                    check: .birthDate,
                    matches: sameBirthDate,
                    detail: sameBirthDate
                        ? "The birth date matches the civil registry."
                        : "The civil registry has the birth date \(registry.birthDate); the membership has \(participant.birthDate)."
                )
            )
        } else {
            findings.append(
                VerificationFinding(check: .nik, matches: false, detail: "The civil registry has no record of this NIK.")
            )
        }
        let sameAmount = claim.grossAmount == expectedGross
        findings.append(
            VerificationFinding(
                check: .balance,
                matches: sameAmount,
                detail: sameAmount
                    ? "The claimed amount agrees with the ledger balance."
                    : "The claim says \(claim.grossAmount) gross; the ledger balance gives \(expectedGross)."
            )
        )
        return findings
    }

    /// Names compared as the registry does: case, spaces and punctuation ignored.
    static func normalName(_ name: String) -> String { name.uppercased().filter(\.isLetter) }
}
