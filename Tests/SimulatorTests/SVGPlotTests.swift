import Foundation
import Testing

@testable import jht_sim

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG plots")
struct SVGPlotTests {
    /// Parses `svg` as XML and returns the root element, failing the test when it is not well formed.
    private func root(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try #require(document.rootElement())
    }

    private func elements(_ root: XMLElement, named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack = [root]
        while let element = stack.popLast() {
            if element.name == name { found.append(element) }
            stack += (element.children ?? []).compactMap { $0 as? XMLElement }
        }
        return found
    }

    /// An attribute's value. (FoundationXML's `attribute(forName:)` finds nothing in a document with a default namespace.)
    private func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    private func texts(_ root: XMLElement) -> [String] {
        elements(root, named: "text").compactMap(\.stringValue)
    }

    @Test func histogramIsAStandaloneSVGWithPercentileMarkers() throws {
        // 110...1,100: a range of a factor of 10, drawn on a linear scale.
        let values = (1...100).map { 100 + Double($0) * 10 }
        let svg = SVGPlot.histogram(values: values, title: "Status latency", xLabel: "milliseconds", bins: 20)
        let root = try root(svg)
        #expect(root.name == "svg")
        #expect(attribute(root, "viewBox") == "0 0 800.0 400.0")
        #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        let labels = texts(root)
        #expect(labels.contains("p50 600"))
        #expect(labels.contains("p95 1,050"))
        #expect(labels.contains("p99 1,090"))
        #expect(labels.contains("Status latency"))
        #expect(labels.contains { $0.hasPrefix("milliseconds (linear scale, 100 samples)") })
        // 20 bins of 5 values each: every bar is drawn, and all bars hold the 100 values.
        let bars = elements(root, named: "rect").filter { attribute($0, "fill") == "#4a7ab8" }
        #expect(bars.count == 20)
        let counted = bars.compactMap { Int($0.stringValue ?? "") }.reduce(0, +)
        #expect(counted == 100)
    }

    @Test func wideRangesGetLogarithmicBinsAndDecadeTicks() throws {
        let values: [Double] = [5, 20, 80, 120, 400, 2_000, 9_000]
        let root = try root(SVGPlot.histogram(values: values, title: "t", xLabel: "ms", bins: 10))
        let labels = texts(root)
        #expect(labels.contains { $0.hasPrefix("ms (log scale") })
        #expect(labels.contains("10"))
        #expect(labels.contains("100"))
        #expect(labels.contains("1,000"))
    }

    @Test func manyDecadesGetPowersOfTenOnly() {
        let scale = SVGPlot.XScale(low: 0.01, high: 50_000)
        #expect(scale.isLogarithmic)
        #expect(scale.ticks() == [0.01, 0.1, 1, 10, 100, 1_000, 10_000])
        #expect(SVGPlot.XScale(low: 3, high: 80).ticks() == [5, 10, 20, 50])
        #expect(!SVGPlot.XScale(low: 3, high: 40).isLogarithmic)
    }

    @Test func histogramAxesHaveTicks() throws {
        let root = try root(SVGPlot.histogram(values: [10, 20, 30, 40], title: "t", xLabel: "ms", bins: 4))
        let labels = texts(root)
        #expect(labels.contains("0"))  // y axis starts at zero
        #expect(labels.contains("20"))
        #expect(labels.contains("count"))
    }

    @Test func emptyAndSinglePointInputStillDraw() throws {
        let empty = try root(SVGPlot.histogram(values: [], title: "t", xLabel: "ms", bins: 10))
        #expect(texts(empty).contains("no samples"))
        let single = try root(SVGPlot.histogram(values: [250], title: "t", xLabel: "ms", bins: 10))
        #expect(texts(single).contains("p99 250"))
        #expect(!SVGPlot.histogram(values: [250], title: "t", xLabel: "ms", bins: 10).contains("nan"))
        let zero = SVGPlot.histogram(values: [0, 0], title: "t", xLabel: "ms", bins: 0)
        _ = try root(zero)
        #expect(!zero.contains("nan"))

        let noSamples = try root(SVGPlot.timeSeries(samples: [], title: "Claims"))
        #expect(texts(noSamples).contains("no samples"))
        let one = SVGPlot.timeSeries(
            samples: [TimelineSample(seconds: 0, submitted: 3, paid: 0, inOffice: 3, fallbackTickets: 0)],
            title: "c"
        )
        let oneRoot = try root(one)
        #expect(elements(oneRoot, named: "circle").count == 4)
        #expect(!one.contains("nan"))
    }

    @Test func timeSeriesHasFourLinesAndALegend() throws {
        let svg = SVGPlot.timeSeries(samples: Fixtures.results().timeline, title: "Claims over time")
        let root = try root(svg)
        let lines = elements(root, named: "polyline")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { (attribute($0, "points") ?? "").split(separator: " ").count == 3 })
        let labels = texts(root)
        for name in ["submitted", "paid", "in office", "fallback tickets", "Claims over time", "claims", "0s", "1m", "3m"] {
            #expect(labels.contains(name), "missing label \(name)")
        }
    }

    @Test func textIsEscaped() throws {
        let svg = SVGPlot.histogram(values: [1, 2], title: "p99 < 1 s & \"fast\"", xLabel: "ms <x>", bins: 2)
        #expect(svg.contains("p99 &lt; 1 s &amp; &quot;fast&quot;"))
        let root = try root(svg)
        #expect(texts(root).contains("p99 < 1 s & \"fast\""))
        #expect(SVGPlot.escape("a'b>c") == "a&apos;b&gt;c")
    }

    @Test func niceTicks() {
        #expect(SVGPlot.niceStep(7) == 10)
        #expect(SVGPlot.niceStep(1.5) == 2)
        #expect(SVGPlot.niceStep(30) == 50)
        #expect(SVGPlot.niceTicks(upTo: 23) == [0, 5, 10, 15, 20, 25])
        #expect(SVGPlot.linearTicks(low: 0, high: 100) == [0, 20, 40, 60, 80, 100])
        #expect(SVGPlot.timeTicks(low: 0, high: 192.4) == [0, 60, 120, 180])
        #expect(SVGPlot.timeTicks(low: 0, high: 7) == [0, 2, 4, 6])
        #expect(SVGPlot.timeLabel(120) == "2m")
        #expect(SVGPlot.timeLabel(90) == "1m30s")
        #expect(SVGPlot.timeLabel(7_200) == "2h")
        #expect(SVGPlot.timeLabel(5_400) == "1h30m")
        #expect(SVGPlot.compact(1_234) == "1,234")
        #expect(SVGPlot.compact(12.5) == "12.5")
        #expect(SVGPlot.compact(0.25) == "0.25")
        #expect(SVGPlot.compact(0.001_5) == "0.0015")
    }
}
