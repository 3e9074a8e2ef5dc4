import Foundation
import Models
import Testing

@Suite("Tax and payout")
struct TaxTableTests {
    let table = TaxTable.pp68of2009

    @Test(arguments: [
        // (gross, tax with NPWP, tax without NPWP)
        (0 as Int64, 0 as Int64, 0 as Int64),
        (10_000_000, 0, 0),
        (50_000_000, 0, 0),
        (50_000_001, 0, 0),
        (50_000_010, 1, 1),
        (50_000_100, 5, 6),
        (60_000_000, 500_000, 600_000),
        (100_000_000, 2_500_000, 3_000_000),
        (250_000_000, 10_000_000, 12_000_000),
    ])
    func fivePercentAboveFiftyMillionAndTwentyPercentMoreWithoutNPWP(gross: Int64, withNPWP: Int64, withoutNPWP: Int64) {
        #expect(table.tax(on: Rupiah(gross), hasTaxNumber: true) == Rupiah(withNPWP))
        #expect(table.tax(on: Rupiah(gross), hasTaxNumber: false) == Rupiah(withoutNPWP))
    }

    @Test func bracketsAreConfiguration() {
        let table = TaxTable(
            brackets: [
                .init(upTo: 10_000_000, rateBasisPoints: 0), .init(upTo: 20_000_000, rateBasisPoints: 1_000),
                .init(upTo: nil, rateBasisPoints: 2_000),
            ],
            surchargeWithoutTaxNumberPercent: 20
        )
        #expect(table.tax(on: 30_000_000, hasTaxNumber: true) == 3_000_000)
        #expect(table.tax(on: 30_000_000, hasTaxNumber: false) == 3_600_000)
        #expect(table.tax(on: 15_000_000, hasTaxNumber: true) == 500_000)
    }

    @Test func payoutOfAFullClaim() {
        let rules = ClaimRules.standard
        let withNPWP = rules.payout(for: .retirement, membership: Fixtures.membership(balance: 100_000_000, hasTaxNumber: true))
        #expect(withNPWP.gross == 100_000_000)
        #expect(withNPWP.tax == 2_500_000)
        #expect(withNPWP.net == 97_500_000)
        let withoutNPWP = rules.payout(for: .resignation, membership: Fixtures.membership(balance: 100_000_000, hasTaxNumber: false))
        #expect(withoutNPWP.tax == 3_000_000)
        #expect(withoutNPWP.net == 97_000_000)
    }

    @Test func payoutOfPartialClaims() {
        let rules = ClaimRules.standard
        let thirty = rules.payout(for: .partial30, membership: Fixtures.membership(balance: 200_000_000, hasTaxNumber: true))
        #expect(thirty.gross == 60_000_000)
        #expect(thirty.tax == 500_000)
        #expect(thirty.net == 59_500_000)
        let ten = rules.payout(for: .partial10, membership: Fixtures.membership(balance: 40_000_005, hasTaxNumber: false))
        #expect(ten.gross == 4_000_001)
        #expect(ten.tax == .zero)
        #expect(ten.net == 4_000_001)
    }

    @Test func defaultRulesCiteTheDocumentedNumbers() {
        let rules = ClaimRules.standard
        #expect(rules.retirementAge == 56)
        #expect(rules.waitingPeriodMonths == 1)
        #expect(rules.partialClaimMinimumYears == 10)
        #expect(rules.taxNumberRequiredAbove == 50_000_000)
        #expect(rules.tax == .pp68of2009)
        #expect(rules.channels == .standard)
        #expect(TaxTable.pp68of2009.surchargeWithoutTaxNumberPercent == 20)
    }

    @Test func rulesRoundTripThroughJSON() throws {
        #expect(try roundTrip(ClaimRules.standard) == .standard)
    }
}
