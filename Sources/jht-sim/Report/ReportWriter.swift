import Foundation

/// Writes a run's results to a folder: the text report, the full results as JSON and the plots.
enum ReportWriter {
    static let textName = "report.txt"
    static let jsonName = "report.json"
    static let latencyPlotName = "status-latency.svg"
    static let timelinePlotName = "claims-over-time.svg"
    static let dailyPlotName = "week-by-day.svg"

    /// Creates `folder` (and its parents) when missing and writes `report.txt` (no colour),
    /// `report.json`, `status-latency.svg` and `claims-over-time.svg` (and for a branch week
    /// `week-by-day.svg`), replacing earlier ones.
    /// - Returns: the written files, in that order.
    static func write(_ r: RunResults, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [(String, Data)] = [
            (textName, Data(ReportText.render(r, plotsFolder: folder.path, colour: false).utf8)),
            (jsonName, try json(r)),
            (
                latencyPlotName,
                Data(
                    SVGPlot.histogram(
                        values: r.statusLatenciesMillis,
                        title: "Status latency: officer action to phone",
                        xLabel: "milliseconds"
                    ).utf8
                )
            ),
            (timelinePlotName, Data(SVGPlot.timeSeries(samples: r.timeline, title: "Claims over time").utf8)),
        ]
        if let week = r.week {
            files.append((dailyPlotName, Data(SVGPlot.daily(week.days, title: "Branch week: claims per day").utf8)))
        }
        return try files.map { name, data in
            let url = folder.appendingPathComponent(name)
            try data.write(to: url, options: .atomic)
            return url
        }
    }

    /// The results as pretty JSON with sorted keys and ISO-8601 dates (non-finite numbers as strings).
    static func json(_ r: RunResults) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return try encoder.encode(r)
    }
}
