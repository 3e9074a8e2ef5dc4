import Foundation
import Models
import Testing

@Suite("Channel routing")
struct ChannelRoutingTests {
    let routing = ChannelRouting.standard

    @Test(arguments: [
        ("2015-06-01", 10_000_000 as Int64),
        ("2016-01-01", 10_000_000),
        ("2025-04-30", 10_000_000),
        ("2025-05-01", 15_000_000),
        ("2026-03-19", 15_000_000),
    ])
    func ceilingInForce(date: String, ceiling: Int64) {
        #expect(routing.ceiling(on: day(date)) == Rupiah(ceiling))
    }

    @Test(arguments: [
        // (balance, date, channels)
        (9_999_999 as Int64, "2025-04-30", [ClaimChannel.app, .branch]),
        (10_000_000, "2025-04-30", [.lapakAsik, .branch]),
        (12_000_000, "2025-04-30", [.lapakAsik, .branch]),
        (12_000_000, "2025-05-01", [.app, .branch]),
        (14_999_999, "2026-01-05", [.app, .branch]),
        (15_000_000, "2026-01-05", [.lapakAsik, .branch]),
        (80_000_000, "2026-01-05", [.lapakAsik, .branch]),
    ])
    func channelsByBalance(balance: Int64, date: String, channels: [ClaimChannel]) {
        #expect(routing.channels(for: .resignation, balance: Rupiah(balance), on: day(date)) == channels)
    }

    @Test func deathClaimsGoToABranchOnly() {
        #expect(routing.channels(for: .death, balance: 1_000_000, on: day("2026-01-05")) == [.branch])
        #expect(routing.channels(for: .death, balance: 90_000_000, on: day("2026-01-05")) == [.branch])
    }

    @Test func ceilingsAreConfigurationInAnyOrder() {
        let routing = ChannelRouting(ceilings: [
            .init(effectiveFrom: day("2027-01-01"), amount: 20_000_000),
            .init(effectiveFrom: day("2020-01-01"), amount: 10_000_000),
        ])
        #expect(routing.ceiling(on: day("2026-12-31")) == 10_000_000)
        #expect(routing.ceiling(on: day("2027-01-01")) == 20_000_000)
        #expect(routing.ceiling(on: day("2019-01-01")) == 10_000_000)
        #expect(ChannelRouting(ceilings: []).ceiling(on: day("2026-01-01")) == .zero)
    }
}
