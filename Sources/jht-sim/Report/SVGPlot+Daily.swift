import Foundation
import Models

extension SVGPlot {
    /// A branch week per day: received, paid, in the office, at risk and past due as lines over
    /// the calendar days, days off shaded.
    static func daily(_ days: [DayFigures], title: String) -> String {
        guard !days.isEmpty else { return document(title: title, body: emptyMessage("no days")) }
        let series: [(String, String, (DayFigures) -> Int)] = [
            ("received", "#4a7ab8", { $0.receivedTotal }),
            ("paid", "#2e8b57", { $0.paid }),
            ("in office", "#d98c00", { $0.inOfficeTotal }),
            ("at risk", "#8e44ad", { $0.atRisk }),
            ("past due", "#c0392b", { $0.breached }),
        ]
        let top = days.flatMap { day in series.map { $0.2(day) } }.max() ?? 0
        let yTicks = niceTicks(upTo: Double(max(top, 1)))
        let yMax = yTicks.last ?? 1
        let plotWidth = area.right - area.left
        let step = days.count > 1 ? plotWidth / Double(days.count - 1) : 0
        func x(_ index: Int) -> Double { days.count > 1 ? area.left + Double(index) * step : (area.left + area.right) / 2 }
        func y(_ value: Int) -> Double { area.bottom - Double(value) / yMax * (area.bottom - area.top) }
        var body = ""
        for (index, day) in days.enumerated() where day.dayOff != nil {
            let width = max(step, 8)
            body +=
                "<rect x=\"\(f(x(index) - width / 2))\" y=\"\(f(area.top))\" width=\"\(f(width))\" height=\"\(f(area.bottom - area.top))\" "
            body += "fill=\"#f2f2f2\"><title>\(escape(day.dayOff ?? ""))</title></rect>\n"
        }
        body += gridAndYAxis(ticks: yTicks, yMax: yMax, label: "claims")
        for (_, colour, value) in series {
            let points = days.enumerated().map { "\(f(x($0.offset))),\(f(y(value($0.element))))" }.joined(separator: " ")
            body += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
        }
        let every = max(1, days.count / 10)
        for (index, day) in days.enumerated() where index % every == 0 {
            body += line(x(index), area.bottom, x(index), area.bottom + 5, stroke: "#333")
            body += text(x(index), area.bottom + 20, String(day.date.description.suffix(5)), anchor: "middle")
        }
        body += axes()
        body += legend(series.map { ($0.0, $0.1) })
        body += text((area.left + area.right) / 2, height - 22, "day (WIB; shaded: weekend, holiday, collective leave)", anchor: "middle")
        return document(title: title, body: body)
    }
}
