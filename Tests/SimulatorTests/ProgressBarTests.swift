import Foundation
import Synchronization
import Testing

@testable import jht_sim

/// A clock the test moves by hand.
private final class FakeClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(seconds: Double) {
        instant.withLock { $0 = $0.advanced(by: .milliseconds(Int(seconds * 1_000))) }
    }
}

/// Collects what the bar writes.
private final class Output: Sendable {
    private let chunks = Mutex<[String]>([])

    var all: [String] { chunks.withLock { $0 } }
    var text: String { all.joined() }

    func write(_ chunk: String) { chunks.withLock { $0.append(chunk) } }
}

@Suite("Progress bar")
struct ProgressBarTests {
    private func bar(isTerminal: Bool, total: Int = 40_000) -> (ProgressBar, FakeClock, Output) {
        let clock = FakeClock()
        let output = Output()
        let bar = ProgressBar(
            total: total,
            label: "participants",
            isTerminal: isTerminal,
            columns: nil,
            now: { clock.now },
            output: { output.write($0) }
        )
        return (bar, clock, output)
    }

    @Test func lineForKnownInputs() {
        let line = ProgressBar.line(
            label: "",
            done: 1_234,
            total: 40_000,
            rate: 12.3,
            counters: [("requests", 5_678, 456), ("pokes", 90, nil)]
        )
        #expect(line == "[--------------------] 1,234/40,000  3.1% 12.3/s  ETA 52m32s  requests 5,678 (456/s)  pokes 90 (-/s)")
    }

    @Test func terminalRedrawsInPlaceWithRatesFromTheLastSeconds() {
        let (bar, clock, output) = bar(isTerminal: true, total: 1_000)
        bar.update(done: 0, counters: [("requests", 0)])
        clock.advance(seconds: 2)
        bar.update(done: 100, counters: [("requests", 400)])
        let chunks = output.all
        #expect(chunks.count == 2)
        #expect(chunks.allSatisfy { $0.hasPrefix("\r") && $0.hasSuffix("\u{1B}[K") && !$0.contains("\n") })
        #expect(chunks[0].contains("0/1,000  0.0% -/s  ETA --"))
        #expect(chunks[1] == "\rparticipants [##------------------] 100/1,000 10.0% 50.0/s  ETA 18s  requests 400 (200/s)\u{1B}[K")
    }

    @Test func ratesForgetOldSamples() {
        let (bar, clock, output) = bar(isTerminal: true, total: 10_000)
        bar.update(done: 0)
        clock.advance(seconds: 10)
        bar.update(done: 1_000)  // 100/s over the first 10 s
        clock.advance(seconds: 10)
        bar.update(done: 1_100)  // then 10/s: the window keeps only the last sample before it
        #expect(output.all.last?.contains(" 10.0/s ") == true)
    }

    @Test func terminalRedrawsAreThrottled() {
        let (bar, clock, output) = bar(isTerminal: true)
        bar.update(done: 1)
        clock.advance(seconds: 0.01)
        bar.update(done: 2)
        clock.advance(seconds: 0.2)
        bar.update(done: 3)
        #expect(output.all.count == 2)
    }

    @Test func plainOutputHasNoCarriageReturnsAndAtMostOneLinePerInterval() {
        let (bar, clock, output) = bar(isTerminal: false)
        for step in 1...30 {
            bar.update(done: step * 100, counters: [("requests", step * 7)])
            clock.advance(seconds: 1)
        }
        bar.finish()
        let text = output.text
        #expect(!text.contains("\r"))
        #expect(!text.contains("\u{1B}"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)  // at 0 s, 10 s, 20 s, and the final line
        #expect(lines.last == "participants 3,000/40,000 done in 30s (100/s)  requests 210 (7.0/s)")
    }

    @Test func finishWritesOneFinalLineAndIgnoresLaterUpdates() {
        let (bar, clock, output) = bar(isTerminal: true, total: 500)
        bar.update(done: 10)
        clock.advance(seconds: 125)
        bar.finish(done: 500, counters: [("requests", 2_500)])
        bar.update(done: 600)
        bar.finish()
        let chunks = output.all
        #expect(chunks.count == 2)
        #expect(chunks.last == "\rparticipants 500/500 done in 2m05s (4.0/s)  requests 2,500 (20.0/s)\u{1B}[K\n")
    }

    @Test func terminalLinesAreCutToTheWidthSoTheyNeverWrap() {
        let clock = FakeClock()
        let output = Output()
        let bar = ProgressBar(total: 10, label: "smoke", isTerminal: true, columns: 30, now: { clock.now }, output: { output.write($0) })
        bar.update(done: 1, counters: [("requests", 5)])
        #expect(output.all == ["\rsmoke [##------------------]…\u{1B}[K"])
    }

    @Test func frequentUpdatesKeepRatesRight() {
        let (bar, clock, output) = bar(isTerminal: true, total: 100_000)
        for step in 0...1_000 {
            bar.update(done: step * 10)
            clock.advance(seconds: 0.01)
        }
        // 1,000 updates a second apart by 10 ms: 1,000 items a second whatever was coalesced.
        #expect(output.all.last?.contains(" 1,000/s ") == true)
    }

    @Test func truncation() {
        #expect(ProgressFormat.truncate("abcdef", to: nil) == "abcdef")
        #expect(ProgressFormat.truncate("abcdef", to: 6) == "abcdef")
        #expect(ProgressFormat.truncate("abcdef", to: 4) == "abc…")
        #expect(ProgressFormat.truncate("abcdef", to: 1) == "a")
        #expect(ProgressFormat.truncate("abcdef", to: 0) == "")
    }

    @Test func barFormatting() {
        #expect(ProgressFormat.bar(fraction: 0.5, width: 10) == "[#####-----]")
        #expect(ProgressFormat.bar(fraction: 0, width: 4) == "[----]")
        #expect(ProgressFormat.bar(fraction: 1.7, width: 4) == "[####]")
        #expect(ProgressFormat.bar(fraction: -1, width: 4) == "[----]")
        #expect(ProgressFormat.bar(fraction: .nan, width: 2) == "[--]")
        #expect(ProgressFormat.bar(fraction: 0.99, width: 10) == "[#########-]")
    }

    @Test func thousandsSeparators() {
        #expect(ProgressFormat.thousands(0) == "0")
        #expect(ProgressFormat.thousands(999) == "999")
        #expect(ProgressFormat.thousands(1_000) == "1,000")
        #expect(ProgressFormat.thousands(1_234_567) == "1,234,567")
        #expect(ProgressFormat.thousands(-40_000) == "-40,000")
        #expect(ProgressFormat.thousands(Int.min) == "-9,223,372,036,854,775,808")
    }

    @Test func durationsAndETA() {
        #expect(ProgressFormat.duration(0) == "0s")
        #expect(ProgressFormat.duration(45.4) == "45s")
        #expect(ProgressFormat.duration(192) == "3m12s")
        #expect(ProgressFormat.duration(3_720) == "1h02m")
        #expect(ProgressFormat.duration(.infinity) == "--")
        #expect(ProgressFormat.eta(remaining: 38_766, rate: 12.3) == "52m32s")
        #expect(ProgressFormat.eta(remaining: 100, rate: nil) == "--")
        #expect(ProgressFormat.eta(remaining: 100, rate: 0) == "--")
        #expect(ProgressFormat.eta(remaining: 0, rate: nil) == "0s")
    }

    @Test func ratesAndPercentages() {
        #expect(ProgressFormat.rate(12.34) == "12.3/s")
        #expect(ProgressFormat.rate(456.4) == "456/s")
        #expect(ProgressFormat.rate(1_234.5) == "1,235/s")
        #expect(ProgressFormat.rate(.nan) == "-/s")
        #expect(ProgressFormat.percent(0.031) == "3.1%")
        #expect(ProgressFormat.percent(1) == "100.0%")
    }
}
