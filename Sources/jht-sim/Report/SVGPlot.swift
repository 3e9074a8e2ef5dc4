import Foundation

/// Standalone SVG plots of a run, as text, with no dependency: a latency histogram and the claims
/// over time. Drawn for 800×400 (the `viewBox`), so they scale in a browser and stay readable.
enum SVGPlot {
    static let width = 800.0
    static let height = 400.0
    /// The plotting area inside the axes.
    static let area = (left: 70.0, top: 60.0, right: 780.0, bottom: 340.0)

    // MARK: - Histogram

    /// A histogram of `values` with p50/p95/p99 marker lines. Values spanning more than a factor of
    /// 20 (all positive) get logarithmic bins, so a long tail stays visible; others linear bins.
    static func histogram(values: [Double], title: String, xLabel: String, bins: Int = 40) -> String {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), let summary = Percentiles(finite) else {
            return document(title: title, body: emptyMessage("no samples"))
        }
        let bins = max(bins, 1)
        let scale = XScale(low: low, high: high)
        var counts = [Int](repeating: 0, count: bins)
        for value in finite {
            let index = Int((scale.unit(value) * Double(bins)).rounded(.down))
            counts[min(max(index, 0), bins - 1)] += 1
        }
        let yTicks = niceTicks(upTo: Double(counts.max() ?? 1))
        let yMax = yTicks.last ?? 1
        let plotWidth = area.right - area.left
        let plotHeight = area.bottom - area.top
        var body = ""
        body += gridAndYAxis(ticks: yTicks, yMax: yMax, label: "count")
        let barWidth = plotWidth / Double(bins)
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / yMax * plotHeight
            let x = area.left + Double(index) * barWidth
            body += "<rect x=\"\(f(x))\" y=\"\(f(area.bottom - barHeight))\" width=\"\(f(max(barWidth - 1, 0.5)))\" "
            body += "height=\"\(f(barHeight))\" fill=\"#4a7ab8\"><title>\(escape(count.description))</title></rect>\n"
        }
        for tick in scale.ticks() {
            let x = area.left + scale.unit(tick) * plotWidth
            body += line(x, area.bottom, x, area.bottom + 5, stroke: "#333")
            body += text(x, area.bottom + 20, compact(tick), anchor: "middle")
        }
        let markers = [("p50", summary.p50, "#2e8b57"), ("p95", summary.p95, "#d98c00"), ("p99", summary.p99, "#c0392b")]
        for (index, (name, value, colour)) in markers.enumerated() {
            let x = area.left + scale.unit(value) * plotWidth
            body += "<line x1=\"\(f(x))\" y1=\"\(f(area.top))\" x2=\"\(f(x))\" y2=\"\(f(area.bottom))\" stroke=\"\(colour)\" "
            body += "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
            // Labels sit right of their line, or left of it near the right edge.
            let nearRightEdge = x > area.right - 90
            let labelX = nearRightEdge ? x - 4 : x + 4
            let anchor = nearRightEdge ? "end" : "start"
            let label = "\(name) \(compact(value))"
            body += text(labelX, area.top + 14 + Double(index) * 16, label, anchor: anchor, fill: colour, halo: true)
        }
        body += axes()
        let scaleName = scale.isLogarithmic ? "log scale" : "linear scale"
        body += text(
            (area.left + area.right) / 2,
            height - 22,
            "\(xLabel) (\(scaleName), \(ProgressFormat.thousands(summary.count)) samples)",
            anchor: "middle"
        )
        return document(title: title, body: body)
    }

    // MARK: - Time series

    /// Claims over time: submitted, paid, in office and fallback tickets as lines, with a legend.
    static func timeSeries(samples: [TimelineSample], title: String) -> String {
        let points = samples.filter(\.seconds.isFinite).sorted { $0.seconds < $1.seconds }
        guard let last = points.last else { return document(title: title, body: emptyMessage("no samples")) }
        let series: [(String, String, (TimelineSample) -> Int)] = [
            ("submitted", "#4a7ab8", { $0.submitted }),
            ("paid", "#2e8b57", { $0.paid }),
            ("in office", "#d98c00", { $0.inOffice }),
            ("fallback tickets", "#c0392b", { $0.fallbackTickets }),
        ]
        let xLow = min(points[0].seconds, 0)
        let xHigh = last.seconds > xLow ? last.seconds : xLow + 1
        let highest = points.map { point in series.map { $0.2(point) }.max() ?? 0 }.max() ?? 0
        let yTicks = niceTicks(upTo: Double(max(highest, 1)))
        let yMax = yTicks.last ?? 1
        let x = { (seconds: Double) in area.left + (seconds - xLow) / (xHigh - xLow) * (area.right - area.left) }
        let y = { (count: Int) in area.bottom - Double(count) / yMax * (area.bottom - area.top) }
        var body = gridAndYAxis(ticks: yTicks, yMax: yMax, label: "claims")
        for tick in timeTicks(low: xLow, high: xHigh) {
            body += line(x(tick), area.bottom, x(tick), area.bottom + 5, stroke: "#333")
            body += text(x(tick), area.bottom + 20, timeLabel(tick), anchor: "middle")
        }
        for (name, colour, value) in series {
            let coordinates = points.map { "\(f(x($0.seconds))),\(f(y(value($0))))" }.joined(separator: " ")
            body += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(coordinates)\">"
            body += "<title>\(escape(name))</title></polyline>\n"
            if points.count < 30 {
                for point in points {
                    body += "<circle cx=\"\(f(x(point.seconds)))\" cy=\"\(f(y(value(point))))\" r=\"3\" fill=\"\(colour)\"/>\n"
                }
            }
        }
        body += axes()
        body += legend(series.map { ($0.0, $0.1) })
        body += text((area.left + area.right) / 2, height - 22, "time since start", anchor: "middle")
        return document(title: title, body: body)
    }

    // MARK: - Scales and ticks

    /// Where values fall along the x axis, as a fraction 0...1: linear, or logarithmic for wide positive ranges.
    struct XScale {
        let low: Double
        let high: Double
        let isLogarithmic: Bool

        init(low: Double, high: Double) {
            isLogarithmic = low > 0 && high / low > 20
            if isLogarithmic || high > low {
                (self.low, self.high) = (low, high)
            } else {
                // One distinct value: centre it in a range around it.
                let pad = low == 0 ? 1 : abs(low) / 2
                (self.low, self.high) = (low - pad, high + pad)
            }
        }

        func unit(_ value: Double) -> Double {
            if isLogarithmic { return (log10(value) - log10(low)) / (log10(high) - log10(low)) }
            return (value - low) / (high - low)
        }

        /// Axis ticks: 1-2-5 steps per decade on a log scale, round steps on a linear one.
        func ticks() -> [Double] {
            guard isLogarithmic else { return linearTicks(low: low, high: high) }
            var ticks: [Double] = []
            var decade = pow(10, floor(log10(low)))
            // Over more than four decades, 2 and 5 would crowd the axis: powers of ten only.
            let steps: [Double] = log10(high / low) > 4 ? [1] : [1, 2, 5]
            while decade <= high {
                for step in steps where decade * step >= low && decade * step <= high {
                    ticks.append(decade * step)
                }
                decade *= 10
            }
            return ticks.count >= 2 ? ticks : [low, high]
        }
    }

    /// About five round ticks covering `low...high`, within the range.
    static func linearTicks(low: Double, high: Double) -> [Double] {
        guard high > low else { return [low] }
        let step = niceStep((high - low) / 5)
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(tick == 0 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// About five ticks on a time axis at steps a person counts in: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h, days.
    static func timeTicks(low: Double, high: Double) -> [Double] {
        guard high > low else { return [low] }
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 21_600, 43_200, 86_400]
        let raw = (high - low) / 5
        let step = steps.first { $0 >= raw } ?? (raw / 86_400).rounded(.up) * 86_400
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(tick == 0 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// A time tick's label: `45s`, `2m`, `1m30s`, `2h`, `1h30m`.
    static func timeLabel(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole > 0 && whole % 3_600 == 0 { return "\(whole / 3_600)h" }
        if whole > 0 && whole < 3_600 && whole % 60 == 0 { return "\(whole / 60)m" }
        return ProgressFormat.duration(seconds)
    }

    /// Round ticks from 0 up to at least `top` (the last tick is the axis maximum).
    static func niceTicks(upTo top: Double) -> [Double] {
        let step = niceStep(max(top, 1) / 5)
        let count = Int((max(top, 1) / step).rounded(.up))
        return (0...max(count, 1)).map { Double($0) * step }
    }

    /// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1 for counts).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        return step
    }

    // MARK: - SVG pieces

    /// Text safe inside SVG elements and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func document(title: String, body: String) -> String {
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
        svg += "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(escape(title))</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"white\"/>\n"
        svg += text(width / 2, 24, title, anchor: "middle", size: 16)
        svg += body
        svg += "</svg>\n"
        return svg
    }

    static func emptyMessage(_ message: String) -> String {
        axes() + text((area.left + area.right) / 2, (area.top + area.bottom) / 2, message, anchor: "middle", fill: "#777", size: 14)
    }

    static func axes() -> String {
        line(area.left, area.top, area.left, area.bottom, stroke: "#333")
            + line(area.left, area.bottom, area.right, area.bottom, stroke: "#333")
    }

    static func gridAndYAxis(ticks: [Double], yMax: Double, label: String) -> String {
        var body = ""
        for tick in ticks {
            let y = area.bottom - tick / yMax * (area.bottom - area.top)
            body += line(area.left, y, area.right, y, stroke: "#e5e5e5")
            body += line(area.left - 5, y, area.left, y, stroke: "#333")
            body += text(area.left - 8, y + 4, compact(tick), anchor: "end")
        }
        let middle = (area.top + area.bottom) / 2
        body +=
            "<text x=\"18\" y=\"\(f(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(f(middle)))\">\(escape(label))</text>\n"
        return body
    }

    /// A one-row legend between the title and the plot, so it never hides a line.
    static func legend(_ entries: [(String, String)]) -> String {
        var body = ""
        var x = area.left
        let y = area.top - 14
        for (name, colour) in entries {
            body +=
                "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
            body += text(x + 28, y, name, anchor: "start")
            // About 7 px a character at 12 px, then a gap.
            x += 28 + Double(name.count) * 7 + 24
        }
        return body
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>\n"
    }

    static func text(
        _ x: Double,
        _ y: Double,
        _ content: String,
        anchor: String,
        fill: String = "#222",
        size: Int = 12,
        halo: Bool = false
    ) -> String {
        // A halo (white outline drawn under the glyphs) keeps a label readable over bars and lines.
        let outline = halo ? " stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"" : ""
        let attributes = "x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\" font-size=\"\(size)\"\(outline)"
        return "<text \(attributes)>\(escape(content))</text>\n"
    }

    /// A coordinate with one decimal.
    static func f(_ value: Double) -> String { ProgressFormat.fixed(value, decimals: 1) }

    /// A tick or marker value: `1,200`, `950`, `12.5`, `0.25`.
    static func compact(_ value: Double) -> String {
        if value.magnitude >= 100 || value == value.rounded() { return ProgressFormat.thousands(Int(value.rounded())) }
        if value.magnitude >= 1 { return ProgressFormat.fixed(value, decimals: 1) }
        if value.magnitude >= 0.01 { return ProgressFormat.fixed(value, decimals: 2) }
        return value.formatted(.number.precision(.significantDigits(1...2)).locale(Locale(identifier: "en_US_POSIX")))
    }
}
