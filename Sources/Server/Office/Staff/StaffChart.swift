import Foundation

/// An inline SVG bar chart: paid claims by working days from complete documents to payment,
/// with the SLA limit marked. Bars within the limit are green, later ones red.
struct StaffChart: Sendable {
    var histogram: [BranchKPIs.HistogramBar]
    var limit: Int

    func render() -> String {
        let counts = Dictionary(histogram.map { ($0.workingDays, $0.count) }, uniquingKeysWith: +)
        let maxDays = max(limit + 1, histogram.map(\.workingDays).max() ?? 0)
        let maxCount = max(counts.values.max() ?? 0, 1)
        let width = 320.0
        let height = 170.0
        let left = 28.0
        let bottom = 24.0
        let top = 16.0
        let slot = (width - left - 8) / Double(maxDays + 1)
        let plot = height - bottom - top
        var parts: [String] = []
        parts.append("<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 4)\" y2=\"\(height - bottom)\" stroke=\"#9aa5b1\"/>")
        for day in 0...maxDays {
            let count = counts[day] ?? 0
            let barHeight = plot * Double(count) / Double(maxCount)
            let x = left + Double(day) * slot + slot * 0.15
            let y = height - bottom - barHeight
            let colour = day <= limit ? "#1f7a4d" : "#b3261e"
            parts.append(
                "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(slot * 0.7))\" height=\"\(f(barHeight))\" fill=\"\(colour)\" data-days=\"\(day)\" data-count=\"\(count)\"><title>\(count) paid in \(day) working days</title></rect>"
            )
            if count > 0 {
                parts.append(
                    "<text x=\"\(f(x + slot * 0.35))\" y=\"\(f(y - 3))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1c2430\">\(count)</text>"
                )
            }
            parts.append(
                "<text x=\"\(f(x + slot * 0.35))\" y=\"\(f(height - bottom + 14))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b6675\">\(day)</text>"
            )
        }
        let limitX = left + Double(limit + 1) * slot
        parts.append(
            "<line x1=\"\(f(limitX))\" y1=\"\(f(top - 6))\" x2=\"\(f(limitX))\" y2=\"\(f(height - bottom))\" stroke=\"#a86400\" stroke-dasharray=\"4 3\"/>"
        )
        parts.append(
            "<text x=\"\(f(limitX - 3))\" y=\"\(f(top))\" font-size=\"10\" text-anchor=\"end\" fill=\"#a86400\">SLA \(limit) wd</text>"
        )
        let total = counts.values.reduce(0, +)
        return """
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(total) paid claims by working days to payment; the SLA is \(limit) working days" data-chart="workingDays">
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }

    func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
