import Foundation
import Models
import Testing

/// The balance is the sum of the ledger; a claim's payment is one entry whose id follows from
/// the claim, so a claim cannot be debited twice.
@Suite("Ledger")
struct LedgerTests {
    let participant = Participant.ID(UUID())
    let at = Date(timeIntervalSince1970: 1_780_000_000)

    func claim(_ reason: ClaimReason, gross: Rupiah) -> Claim {
        Claim(
            id: .init(UUID()),
            participantID: participant,
            branchID: "BDG-SUCI",
            reason: reason,
            channel: .app,
            grossAmount: gross,
            createdAt: at
        )
    }

    @Test func theBalanceIsTheSumOfTheEntries() {
        let partial = claim(.partial10, gross: 1_100_000)
        let ledger = Ledger(entries: [
            LedgerEntry(participantID: participant, amount: 10_000_000, source: .openingBalance, at: at),
            LedgerEntry(
                participantID: participant,
                amount: 1_000_000,
                source: .contribution(period: "2026-11", employer: "PT Contoh"),
                at: at
            ),
            LedgerEntry(participantID: participant, amount: -500_000, source: .correction(reason: "reversed report"), at: at),
            .payment(of: partial, at: at),
        ])
        #expect(ledger.balance == 9_400_000)
        #expect(ledger.hasPaid(partial.id))
        #expect(!ledger.hasPaid(Claim.ID(UUID())))
        #expect(ledger.partialClaimPaid)
        let membership = ledger.applied(to: Fixtures.membership(balance: 1))
        #expect(membership.balance == 9_400_000)
        #expect(membership.partialClaimTaken)
    }

    @Test func aClaimsPaymentHasOneIdWhateverElseChanges() {
        let paid = claim(.resignation, gross: 8_500_000)
        let first = LedgerEntry.payment(of: paid, at: at)
        let again = LedgerEntry.payment(of: paid, at: at.addingTimeInterval(60))
        #expect(first.id == again.id)
        #expect(first.amount == -8_500_000)
        #expect(first.paidClaim == paid.id)
        #expect(first.paidReason == .resignation)
        #expect(LedgerEntry.paymentID(of: Claim.ID(UUID())) != first.id)
        #expect(LedgerEntry.paymentID(of: paid.id).rawValue != paid.id.rawValue, "the entry's id is not the claim's own")
    }

    @Test func sourcesKeepTheirShapeOnTheWire() throws {
        let sources: [LedgerEntry.Source] = [
            .openingBalance, .contribution(period: "2026-11", employer: "PT Contoh"), .returns(year: 2025),
            .correction(reason: "reversed"), .claimPayment(claimID: .init(UUID()), reason: .partial30),
        ]
        for source in sources {
            let data = try JSONEncoder().encode(source)
            #expect(try JSONDecoder().decode(LedgerEntry.Source.self, from: data) == source)
        }
        let text = String(decoding: try JSONEncoder().encode(LedgerEntry.Source.returns(year: 2025)), as: UTF8.self)
        #expect(text.contains("\"kind\":\"returns\""))
    }
}
