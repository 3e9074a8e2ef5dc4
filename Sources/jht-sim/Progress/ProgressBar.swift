import Foundation
import Synchronization

/// A progress display for long runs, e.g.
/// `participants [--------------------] 1,234/40,000  3.1% 12.3/s  ETA 52m32s  requests 5,678 (456/s)  pokes 90 (3.0/s)`.
///
/// On a terminal the line is redrawn in place (`\r`, then the line cut to the terminal's width so it
/// never wraps, then "clear to end of line"), at most every `redrawInterval`. Elsewhere (CI logs,
/// files) a plain line is written at most every `plainInterval`, so logs stay short. Rates are
/// measured over the last `rateWindow` from the timestamps of the updates themselves: the bar runs
/// no timer, it draws only when told.
final class ProgressBar: Sendable {
    private struct Sample {
        var at: ContinuousClock.Instant
        var done: Int
        var counters: [String: Int]
    }

    private struct State {
        var samples: [Sample] = []
        var lastDraw: ContinuousClock.Instant?
        /// The latest counters in the order given, for the closing line.
        var lastCounters: [(String, Int)] = []
        var finished = false
    }

    let total: Int
    let label: String
    let isTerminal: Bool
    let rateWindow: Duration
    let redrawInterval: Duration
    let plainInterval: Duration
    /// The terminal's width; a redrawn line is cut to one less, since a wrapped line cannot be redrawn in place.
    let columns: Int?
    private let output: @Sendable (String) -> Void
    private let now: @Sendable () -> ContinuousClock.Instant
    private let startedAt: ContinuousClock.Instant
    private let state = Mutex(State())

    /// - Parameters:
    ///   - output: receives every piece of text exactly as it should be written (with `\r` or `\n`).
    ///   - isTerminal: redraw in place; otherwise write plain lines.
    ///   - columns: the terminal's width (nil: no limit), by default standard error's.
    ///   - now: the clock; tests pass a fake one.
    init(
        total: Int,
        label: String,
        isTerminal: Bool,
        rateWindow: Duration = .seconds(5),
        redrawInterval: Duration = .milliseconds(100),
        plainInterval: Duration = .seconds(10),
        columns: Int? = ProgressBar.standardErrorColumns,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        output: @escaping @Sendable (String) -> Void
    ) {
        self.total = total
        self.label = label
        self.isTerminal = isTerminal
        self.rateWindow = rateWindow
        self.redrawInterval = redrawInterval
        self.plainInterval = plainInterval
        self.columns = columns
        self.now = now
        self.output = output
        self.startedAt = now()
    }

    /// Writes to standard error, which stays free of the report on standard output.
    static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when standard error is a terminal.
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The width of the terminal on standard error, or nil when it is not a terminal.
    static var standardErrorColumns: Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Records progress and redraws when it is time to. `counters` are running totals, shown in
    /// the order given with their recent rate.
    func update(done: Int, counters: [(String, Int)] = []) {
        let at = now()
        state.withLock { state in
            guard !state.finished else { return }
            let sample = Sample(at: at, done: done, counters: Dictionary(counters, uniquingKeysWith: { _, last in last }))
            // Updates closer together than a fiftieth of the window replace the newest sample, so
            // frequent updates keep at most about fifty samples.
            if state.samples.count > 1, let newest = state.samples.last, at - newest.at < rateWindow / 50 {
                state.samples[state.samples.count - 1] = sample
            } else {
                state.samples.append(sample)
            }
            state.lastCounters = counters
            Self.trim(&state.samples, keepingAfter: at - rateWindow)
            let interval = isTerminal ? redrawInterval : plainInterval
            if let last = state.lastDraw, at - last < interval { return }
            state.lastDraw = at
            let line = Self.line(
                label: label,
                done: done,
                total: total,
                rate: Self.rate(state.samples, \.done),
                counters: counters.map { name, value in (name, value, Self.rate(state.samples) { $0.counters[name] ?? 0 }) }
            )
            output(isTerminal ? redraw(line) : line + "\n")
        }
    }

    /// Writes the closing line: totals, elapsed time and average rates. Later updates are ignored.
    func finish(done: Int? = nil, counters: [(String, Int)]? = nil) {
        let at = now()
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            let last = state.samples.last
            let finalDone = done ?? last?.done ?? 0
            let finalCounters = counters ?? state.lastCounters
            let line = Self.finalLine(
                label: label,
                done: finalDone,
                total: total,
                elapsed: ProgressFormat.seconds(at - startedAt),
                counters: finalCounters
            )
            output((isTerminal ? redraw(line) : line) + "\n")
        }
    }

    /// `line` drawn over the current terminal line, cut to fit.
    private func redraw(_ line: String) -> String {
        "\r" + ProgressFormat.truncate(line, to: columns.map { $0 - 1 }) + ProgressFormat.clearToEndOfLine
    }

    // MARK: - Pure parts

    /// One progress line for the given figures; `rate` and the counters' rates are per second (nil when unknown).
    static func line(label: String, done: Int, total: Int, rate: Double?, counters: [(String, Int, Double?)]) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 0
        var line = label.isEmpty ? "" : label + " "
        line += ProgressFormat.bar(fraction: fraction, width: 20) + " "
        line += ProgressFormat.thousands(done) + "/" + ProgressFormat.thousands(total) + " "
        line += ProgressFormat.padLeft(ProgressFormat.percent(fraction), to: 5) + " "
        line += (rate.map { ProgressFormat.rate($0) } ?? "-/s") + "  ETA " + ProgressFormat.eta(remaining: total - done, rate: rate)
        var parts = [line]
        for (name, value, counterRate) in counters {
            parts.append("\(name) \(ProgressFormat.thousands(value)) (\(counterRate.map { ProgressFormat.rate($0) } ?? "-/s"))")
        }
        return parts.joined(separator: "  ")
    }

    /// The closing line: `participants 40,000/40,000 done in 3m12s (208.3/s)  requests 5,678 (29.6/s)`.
    static func finalLine(label: String, done: Int, total: Int, elapsed: Double, counters: [(String, Int)]) -> String {
        let average: (Int) -> String = { value in elapsed > 0 ? ProgressFormat.rate(Double(value) / elapsed) : "-/s" }
        var parts = [
            (label.isEmpty ? "" : label + " ") + ProgressFormat.thousands(done) + "/" + ProgressFormat.thousands(total)
                + " done in " + ProgressFormat.duration(elapsed) + " (" + average(done) + ")"
        ]
        for (name, value) in counters {
            parts.append("\(name) \(ProgressFormat.thousands(value)) (\(average(value)))")
        }
        return parts.joined(separator: "  ")
    }

    /// Per-second rate of `value` between the oldest and newest sample, or nil with less than two instants.
    private static func rate(_ samples: [Sample], _ value: (Sample) -> Int) -> Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let seconds = ProgressFormat.seconds(last.at - first.at)
        guard seconds > 0 else { return nil }
        return Double(value(last) - value(first)) / seconds
    }

    /// Drops samples older than `cutoff`, keeping the newest of them so a rate always spans the window.
    private static func trim(_ samples: inout [Sample], keepingAfter cutoff: ContinuousClock.Instant) {
        guard let firstInside = samples.firstIndex(where: { $0.at >= cutoff }), firstInside > 1 else { return }
        samples.removeFirst(firstInside - 1)
    }
}

/// The formatting behind the progress line and the report, as pure functions.
enum ProgressFormat {
    /// ANSI "erase to end of line", so a shorter redraw leaves no tail of the previous one.
    static let clearToEndOfLine = "\u{1B}[K"

    /// `[#####-----]`: `width` cells, filled in proportion to `fraction` (clamped to 0...1, rounded down).
    static func bar(fraction: Double, width: Int) -> String {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let filled = Int((clamped * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// `1,234,567`: comma thousands separators, the same in every locale.
    static func thousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `3.1%` of a fraction (0.031).
    static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, decimals: 1) + "%"
    }

    /// `12.3/s` below 100 per second, `456/s` and `1,234/s` above.
    static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite else { return "-/s" }
        if abs(perSecond) < 100 { return fixed(perSecond, decimals: 1) + "/s" }
        return thousands(Int(perSecond.rounded())) + "/s"
    }

    /// A compact duration: `45s`, `3m12s`, `1h02m` (seconds rounded; hours drop the seconds).
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        let total = Int(max(seconds, 0).rounded())
        let (hours, minutes, secs) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return "\(hours)h" + twoDigits(minutes) + "m" }
        if minutes > 0 { return "\(minutes)m" + twoDigits(secs) + "s" }
        return "\(secs)s"
    }

    /// Time left for `remaining` items at `rate` per second: a duration, `0s` when done, `--` when unknown.
    static func eta(remaining: Int, rate: Double?) -> String {
        if remaining <= 0 { return "0s" }
        guard let rate, rate > 0, rate.isFinite else { return "--" }
        return duration(Double(remaining) / rate)
    }

    /// `value` with exactly `decimals` digits after the point, `.` as the separator in every locale.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.\(decimals)f", locale: nil, value)
    }

    /// A `Duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `text` cut to `width` characters, the last of them `…`; unchanged when it fits or `width` is nil.
    static func truncate(_ text: String, to width: Int?) -> String {
        guard let width, text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(width, 0))) }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` padded with spaces on the left to `width` characters (unchanged when longer).
    static func padLeft(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` padded with spaces on the right to `width` characters (unchanged when longer).
    static func padRight(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
