import Foundation
import Models
import Testing

@Suite("Required documents")
struct DocumentRequirementsTests {
    let rules = ClaimRules.standard
    let small = Fixtures.membership(balance: 8_000_000)

    static let extraDocuments: [(ClaimReason, Set<DocumentKind>)] = [
        (.retirement, []),
        (.resignation, [.referenceLetter]),
        (.termination, [.terminationLetter]),
        (.contractEnded, [.referenceLetter]),
        (.leavingIndonesia, [.passport]),
        (.permanentDisability, [.doctorCertificate]),
        (.death, [.deathCertificate, .heirCertificate, .heirIDCard, .familyCard]),
        (.partial10, []),
        (.partial30, []),
    ]

    @Test(arguments: extraDocuments)
    func documentsPerReasonAtABranch(reason: ClaimReason, extra: Set<DocumentKind>) {
        let base: Set<DocumentKind> = [.idCard, .participantCard, .bankBook]
        #expect(rules.requiredDocuments(for: reason, channel: .branch, membership: small) == base.union(extra))
        #expect(rules.requiredDocuments(for: reason, channel: .lapakAsik, membership: small) == base.union(extra))
    }

    @Test func appClaimsNeedASelfie() {
        #expect(
            rules.requiredDocuments(for: .resignation, channel: .app, membership: small)
                == [.idCard, .participantCard, .bankBook, .referenceLetter, .selfie]
        )
        #expect(!rules.requiredDocuments(for: .resignation, channel: .branch, membership: small).contains(.selfie))
    }

    @Test func foreignersLeavingIndonesiaAlsoShowAStayPermit() {
        let kinds = rules.requiredDocuments(for: .leavingIndonesia, channel: .branch, membership: small, isForeigner: true)
        #expect(kinds.isSuperset(of: [.passport, .stayPermit]))
        #expect(!rules.requiredDocuments(for: .leavingIndonesia, channel: .branch, membership: small).contains(.stayPermit))
    }

    @Test(arguments: [
        // (balance, partial claim taken, needs the tax number card)
        (50_000_000 as Int64, false, false),
        (50_000_001, false, true),
        (120_000_000, false, true),
        (5_000_000, true, true),
    ])
    func taxNumberCardAboveFiftyMillionOrAfterAPartialClaim(balance: Int64, partialTaken: Bool, needsCard: Bool) {
        let membership = Fixtures.membership(balance: Rupiah(balance), partialTaken: partialTaken)
        #expect(rules.requiresTaxNumber(membership: membership) == needsCard)
        #expect(rules.requiredDocuments(for: .retirement, channel: .branch, membership: membership).contains(.taxNumberCard) == needsCard)
    }

    @Test func missingDocumentsAreTheRequiredOnesNotAttached() {
        var claim = Fixtures.claim(status: .draft, reason: .resignation, channel: .app)
        claim.documents = [DocumentKind.idCard, .participantCard, .passport].enumerated().map { index, kind in
            ClaimDocument(
                id: ClaimDocument.ID(UUID(uuidString: "DDDDDDDD-0000-0000-0000-00000000000\(index)")!),
                kind: kind,
                sha256: String(repeating: "a", count: 64),
                byteCount: 1_024,
                contentType: "image/jpeg",
                attachedAt: utc("2026-03-01T01:00:00Z")
            )
        }
        #expect(rules.missingDocuments(for: claim, membership: small) == [.bankBook, .referenceLetter, .selfie])
    }
}
