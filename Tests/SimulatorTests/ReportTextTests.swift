import Foundation
import Testing

@testable import jht_sim

@Suite("Text report")
struct ReportTextTests {
    @Test func passingRunSaysPassAndListsNoProblems() {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        #expect(text.contains("PASS"))
        #expect(!text.contains("FAIL"))
        #expect(text.contains("Divergences (replica differs from server): none"))
        #expect(text.contains("Missing acknowledged mutations: none"))
        #expect(!text.contains("Plots"))
    }

    @Test func headerNamesTheRun() {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        #expect(text.contains("Scenario  branch-day"))
        #expect(text.contains("Seed      42"))
        #expect(text.contains("Server    http://127.0.0.1:8080"))
        #expect(text.contains("Started   2026-11-21T03:00:00Z"))
        #expect(text.contains("Duration  192.4 s (3m12s)"))
    }

    @Test func failingRunSaysFailAndShowsTheDivergence() {
        let results = Fixtures.results(
            divergences: ["phone 17 claim c-9: status submitted, server paid"],
            missingAcknowledged: ["phone 3 mutation m-41 (email)", "phone 4 mutation m-7 (documents)"]
        )
        let text = ReportText.render(results, plotsFolder: "/tmp/run-1")
        #expect(text.contains("FAIL - 1 divergence, 2 missing acknowledged mutations"))
        #expect(text.contains("!! Divergences (replica differs from server): 1"))
        #expect(text.contains("  - phone 17 claim c-9: status submitted, server paid"))
        #expect(text.contains("!! Missing acknowledged mutations: 2"))
        #expect(text.contains("  - phone 4 mutation m-7 (documents)"))
        #expect(text.hasSuffix("Plots\n  /tmp/run-1\n"))
    }

    @Test func longProblemListsAreCutAtTwentyWithACount() {
        let lines = (1...25).map { "divergence \($0)" }
        let text = ReportText.render(Fixtures.results(divergences: lines), plotsFolder: nil)
        #expect(text.contains("!! Divergences (replica differs from server): 25"))
        #expect(text.contains("  - divergence 20\n"))
        #expect(!text.contains("divergence 21"))
        #expect(text.contains("... and 5 more (all in report.json)"))
    }

    @Test func claimsAreSortedByCountWithSharesInAlignedColumns() throws {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        let expected = """
            Claims by final state
              paid         800  80.0%
              submitted    150  15.0%
              draft         50   5.0%
              total      1,000
            """
        #expect(text.contains(expected))
    }

    @Test func latencyShowsPercentilesSampleCountAndTheGoal() {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        let expected = """
            Status latency, officer action -> phone: 100 samples
              p50    500 ms
              p95    950 ms
              p99    990 ms
              max  1,000 ms
              p99 goal <= 1,000 ms: met
            """
        #expect(text.contains(expected))

        let slow = ReportText.render(Fixtures.results(latencies: [200, 1_500]), plotsFolder: nil)
        #expect(slow.contains("p99 goal <= 1,000 ms: missed"))
        #expect(slow.contains(": 2 samples"))
    }

    @Test func noLatencySamplesIsSaidPlainly() {
        let text = ReportText.render(Fixtures.results(latencies: []), plotsFolder: nil)
        #expect(text.contains("Status latency, officer action -> phone\n  no samples"))
    }

    @Test func syncBytesUseBinaryUnits() {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        let expected = """
            Sync bytes per participant (push and pull bodies, sent + received): 4 participants
              mean  385.5 KiB
              p50     2.0 KiB
              p95     1.5 MiB
              max     1.5 MiB
            """
        #expect(text.contains(expected))
    }

    @Test func slaFallbackFaultsAndRequestsAreReported() {
        let text = ReportText.render(Fixtures.results(), plotsFolder: nil)
        #expect(text.contains("  paid within SLA  780 / 800  97.5%\n  open past due            3\n"))
        #expect(text.contains("  branch visits by date\n    2026-11-23  60\n    2026-11-24  40\n"))
        #expect(text.contains("  \"day full\" answers      9\n"))
        #expect(text.contains("  offline spells       31\n"))
        #expect(text.contains("  push retries         40\n"))
        let requests = """
            Requests by route and status
              pull 2xx   4,321
              push 2xx   5,678
              push 5xx       3
              total     10,002
            """
        #expect(text.contains(requests))
        #expect(text.contains("Conflicts by merge policy\n  lastWriterWins  12\n  addWinsSet       4\n  total           16\n"))
        #expect(
            text.contains("Refusals by reason (mutations the server refused; claims the office rejected)\n  claim.documentsMissing  7\n")
        )
    }

    @Test func plainTextHasNoEscapesAndColourHasThem() {
        let failing = Fixtures.results(divergences: ["x"])
        let plain = ReportText.render(failing, plotsFolder: nil, colour: false)
        #expect(!plain.contains("\u{1B}["))
        let coloured = ReportText.render(failing, plotsFolder: nil, colour: true)
        #expect(coloured.contains("\u{1B}[31mFAIL\u{1B}[0m"))
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(ReportText.useColour(isTerminal: true, environment: [:]))
        #expect(!ReportText.useColour(isTerminal: false, environment: [:]))
        #expect(!ReportText.useColour(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(ReportText.useColour(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test func noLineEndsInSpaces() {
        let text = ReportText.render(Fixtures.results(divergences: ["a"]), plotsFolder: "/tmp/x")
        for line in text.split(separator: "\n") {
            #expect(!line.hasSuffix(" "), "trailing space in \(line)")
        }
    }

    @Test func bytesFormatting() {
        #expect(ReportText.bytes(0) == "0 B")
        #expect(ReportText.bytes(1_023) == "1,023 B")
        #expect(ReportText.bytes(1_024) == "1.0 KiB")
        #expect(ReportText.bytes(1_536) == "1.5 KiB")
        #expect(ReportText.bytes(5 * 1_048_576) == "5.0 MiB")
        #expect(ReportText.bytes(3 * 1_073_741_824) == "3.0 GiB")
    }

    @Test func tableAlignsColumns() {
        let table = ReportText.table([["a", "1"], ["long name", "1,000"]], right: [1])
        #expect(table == "  a              1\n  long name  1,000")
    }
}

@Suite("Report folder")
struct ReportWriterTests {
    @Test func writesTheFourFilesIntoANewFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sim-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("nested/run")
        let results = Fixtures.results(divergences: ["phone 1 differs"])

        let urls = try ReportWriter.write(results, to: folder)

        #expect(urls.map(\.lastPathComponent) == ["report.txt", "report.json", "status-latency.svg", "claims-over-time.svg"])
        for url in urls {
            #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) missing")
        }
        let text = try String(contentsOf: urls[0], encoding: .utf8)
        #expect(text.contains("FAIL"))
        #expect(!text.contains("\u{1B}["))
        #expect(text.hasSuffix(folder.path + "\n"))

        let json = try String(contentsOf: urls[1], encoding: .utf8)
        #expect(json.contains("\"startedAt\" : \"2026-11-21T03:00:00Z\""))
        #expect(json.contains("\"divergences\" : [\n    \"phone 1 differs\"\n  ]"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(RunResults.self, from: Data(contentsOf: urls[1]))
        #expect(decoded.seed == 42)
        #expect(decoded.startedAt == results.startedAt)
        #expect(decoded.statusLatenciesMillis == results.statusLatenciesMillis)
        #expect(decoded.fallback == results.fallback)

        let svg = try String(contentsOf: urls[2], encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("p99 990"))
    }

    @Test func keysAreSorted() throws {
        let json = try String(decoding: ReportWriter.json(Fixtures.results()), as: UTF8.self)
        let keys = ["\"appKills\"", "\"droppedRequests\"", "\"duplicatedRequests\"", "\"offlineSpells\""]
        let positions = keys.compactMap { json.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }
}
