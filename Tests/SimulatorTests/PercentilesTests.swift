import Testing

@testable import jht_sim

@Suite("Percentiles (nearest rank)")
struct PercentilesTests {
    @Test func oneToHundredGivesTheRanksThemselves() throws {
        let p = try #require(Percentiles((1...100).map(Double.init).shuffled()))
        #expect(p.count == 100)
        #expect(p.p50 == 50)
        #expect(p.p95 == 95)
        #expect(p.p99 == 99)
        #expect(p.max == 100)
        #expect(p.mean == 50.5)
    }

    @Test func nearestRankRoundsTheRankUp() {
        let sorted: [Double] = [15, 20, 35, 40, 50]
        #expect(Percentiles.nearestRank(30, sorted: sorted) == 20)  // rank ceil(1.5) = 2
        #expect(Percentiles.nearestRank(40, sorted: sorted) == 20)  // rank 2 exactly
        #expect(Percentiles.nearestRank(50, sorted: sorted) == 35)  // rank ceil(2.5) = 3
        #expect(Percentiles.nearestRank(100, sorted: sorted) == 50)
        #expect(Percentiles.nearestRank(0, sorted: sorted) == 15)
    }

    @Test func exactRanksAreNotPushedUpByFloatingPoint() {
        // 0.95 × 20 is 19.000000000000004 in binary floating point; the rank must still be 19.
        let sorted = (1...20).map(Double.init)
        #expect(Percentiles.nearestRank(95, sorted: sorted) == 19)
    }

    @Test func fewSamplesMakeTheTailTheMaximum() throws {
        let p = try #require(Percentiles([300.0, 100, 200]))
        #expect(p.p50 == 200)
        #expect(p.p95 == 300)
        #expect(p.p99 == 300)
        #expect(p.max == 300)
    }

    @Test func singleValue() throws {
        let p = try #require(Percentiles([7.5]))
        #expect([p.p50, p.p95, p.p99, p.max, p.mean] == [7.5, 7.5, 7.5, 7.5, 7.5])
    }

    @Test func emptyAndNonFiniteInputHaveNoSummary() {
        #expect(Percentiles([Double]()) == nil)
        #expect(Percentiles([Int]()) == nil)
        #expect(Percentiles([Double.nan, .infinity]) == nil)
    }

    @Test func nonFiniteValuesAreLeftOut() throws {
        let p = try #require(Percentiles([1, .nan, 3]))
        #expect(p.count == 2)
        #expect(p.mean == 2)
    }

    @Test func integersAreSummarisedAsDoubles() throws {
        let p = try #require(Percentiles([1_000, 3_000, 2_000, 10_000]))
        #expect(p.p50 == 2_000)
        #expect(p.max == 10_000)
        #expect(p.mean == 4_000)
    }
}
