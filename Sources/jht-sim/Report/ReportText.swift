import Foundation

/// The plain-text report a person reads in a terminal after a run: what ran, whether it passed, and
/// the figures behind it in aligned tables. Divergences and missing acknowledged mutations come
/// last, so they are what stays on the screen.
enum ReportText {
    /// The goal for the 99th percentile of officer action → phone latency.
    static let latencyGoalMillis = 1_000.0
    /// How many divergence lines (and missing-mutation lines) the report prints; report.json keeps all.
    static let listedProblems = 20

    /// The report as text. `colour` adds ANSI colours (see `useColour`); without it the text is plain.
    static func render(_ r: RunResults, plotsFolder: String?, colour: Bool = false) -> String {
        let style = Style(enabled: colour)
        var sections = [header(r, style), participants(r, style), claims(r, style), sla(r, style)]
        sections += [latency(r, style), syncBytes(r, style), conflictsAndRejections(r, style)]
        sections += week(r, style)
        sections += [fallback(r, style), faults(r, style), requests(r, style), problems(r, style)]
        if let plotsFolder {
            sections.append(style.bold("Plots") + "\n  " + plotsFolder)
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// Colour only for a terminal, and never when `NO_COLOR` is set (to anything but the empty string).
    static func useColour(isTerminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    // MARK: - Sections

    private static func header(_ r: RunResults, _ style: Style) -> String {
        let verdict: String
        if r.passed {
            verdict = style.green("PASS") + " - every replica matches the server, no acknowledged mutation lost"
        } else {
            let what = [
                count(r.divergences.count, "divergence", "divergences"),
                count(r.missingAcknowledged.count, "missing acknowledged mutation", "missing acknowledged mutations"),
                count(r.week?.problems.count ?? 0, "failed check of the week", "failed checks of the week"),
            ].compactMap { $0 }
            verdict = style.red("FAIL") + " - " + what.joined(separator: ", ") + " (listed at the end)"
        }
        let rows = [
            ["Scenario", r.scenario],
            ["Seed", String(r.seed)],
            ["Server", r.serverURL],
            ["Started", r.startedAt.formatted(.iso8601)],
            ["Duration", ProgressFormat.fixed(r.durationSeconds, decimals: 1) + " s (" + ProgressFormat.duration(r.durationSeconds) + ")"],
            ["Result", verdict],
        ]
        let title = "JHT Sync simulator run"
        return style.bold(title) + "\n" + String(repeating: "=", count: title.count) + "\n" + table(rows, right: [], indent: 0)
    }

    private static func participants(_ r: RunResults, _ style: Style) -> String {
        let rows = [
            ["planned", n(r.participantsPlanned), ""],
            ["finished", n(r.participantsFinished), share(r.participantsFinished, of: r.participantsPlanned)],
            ["used a second phone", n(r.secondPhones), share(r.secondPhones, of: r.participantsPlanned)],
        ]
        return section("Participants", style, table(rows, right: [1, 2]))
    }

    private static func claims(_ r: RunResults, _ style: Style) -> String {
        section("Claims by final state", style, countTable(r.claimsByState, withShare: true))
            + "\n\n" + section("Journey outcomes", style, countTable(r.journeyOutcomes, withShare: true))
    }

    private static func sla(_ r: RunResults, _ style: Style) -> String {
        let within = n(r.paidWithinSLA) + " / " + n(r.paidClaims)
        let rows = [
            ["paid within SLA", within, share(r.paidWithinSLA, of: r.paidClaims)],
            ["open past due", n(r.openPastDue), ""],
        ]
        var text = table(rows, right: [1, 2])
        if r.openPastDue > 0 { text = style.yellow(text) }
        return section("Service level", style, text)
    }

    private static func latency(_ r: RunResults, _ style: Style) -> String {
        let title = "Status latency, officer action -> phone"
        guard let p = Percentiles(r.statusLatenciesMillis) else { return section(title, style, "  no samples") }
        let ms = { (value: Double) in ProgressFormat.thousands(Int(value.rounded())) + " ms" }
        let rows = [["p50", ms(p.p50)], ["p95", ms(p.p95)], ["p99", ms(p.p99)], ["max", ms(p.max)]]
        let goal = "p99 goal <= " + ms(latencyGoalMillis) + ": "
        let verdict = p.p99 <= latencyGoalMillis ? style.green("met") : style.red("missed")
        var text = table(rows, right: [1]) + "\n  " + goal + verdict
        if let baseline = Percentiles(r.pullRoundTripMillis), baseline.p50 > 0 {
            let ratio = String(format: "%.1f", p.p50 / baseline.p50)
            text += "\n  baseline: one pull round trip p50 " + ms(baseline.p50) + "; status p50 is " + ratio + "x that"
        }
        return section(title + ": " + count(p.count, "sample", "samples")!, style, text)
    }

    private static func syncBytes(_ r: RunResults, _ style: Style) -> String {
        let title = "Sync bytes per participant (push and pull bodies, sent + received)"
        guard let p = Percentiles(r.syncBytesPerParticipant) else { return section(title, style, "  no samples") }
        let rows = [["mean", bytes(p.mean)], ["p50", bytes(p.p50)], ["p95", bytes(p.p95)], ["max", bytes(p.max)]]
        return section(title + ": " + count(p.count, "participant", "participants")!, style, table(rows, right: [1]))
    }

    private static func conflictsAndRejections(_ r: RunResults, _ style: Style) -> String {
        section("Conflicts by merge policy", style, countTable(r.conflictsByPolicy, withShare: false))
            + "\n\n"
            + section(
                "Refusals by reason (mutations the server refused; claims the office rejected)",
                style,
                countTable(r.rejectionsByReason, withShare: false)
            )
    }

    private static func fallback(_ r: RunResults, _ style: Style) -> String {
        let f = r.fallback
        let rows = [
            ["tickets opened", n(f.ticketsOpened)],
            ["branch visits booked", n(f.branchVisitsBooked)],
            ["video calls booked", n(f.videoCallsBooked)],
            ["\"day full\" answers", n(f.dayFullAnswers)],
            ["checked in", n(f.checkedIn)],
            ["verified", n(f.verified)],
        ]
        let byDate = f.branchVisitsByDate.sorted { $0.key < $1.key }.map { ["  " + $0.key, n($0.value)] }
        let dates = byDate.isEmpty ? "" : "\n  branch visits by date\n" + table(byDate, right: [1], indent: 2)
        return section("Fallback (branch and video)", style, table(rows, right: [1]) + dates)
    }

    private static func faults(_ r: RunResults, _ style: Style) -> String {
        let f = r.faults
        let rows = [
            ["offline spells", n(f.offlineSpells)],
            ["app kills", n(f.appKills)],
            ["dropped requests", n(f.droppedRequests)],
            ["duplicated requests", n(f.duplicatedRequests)],
            ["upload cuts", n(f.uploadCuts)],
            ["uploads resumed", n(f.uploadsResumed)],
            ["token refreshes", n(f.tokenRefreshes)],
            ["push retries", n(f.pushRetries)],
        ]
        return section("Faults injected and handled", style, table(rows, right: [1]))
    }

    private static func requests(_ r: RunResults, _ style: Style) -> String {
        var rows = r.requests.sorted { $0.key < $1.key }.map { [$0.key, n($0.value)] }
        guard !rows.isEmpty else { return section("Requests by route and status", style, "  none") }
        rows.append(["total", n(r.requests.values.reduce(0, +))])
        return section("Requests by route and status", style, table(rows, right: [1]))
    }

    private static func problems(_ r: RunResults, _ style: Style) -> String {
        problemList("Divergences (replica differs from server)", r.divergences, style)
            + "\n\n" + problemList("Missing acknowledged mutations", r.missingAcknowledged, style)
    }

    static func problemList(_ title: String, _ lines: [String], _ style: Style) -> String {
        guard !lines.isEmpty else { return style.bold(title + ": none") }
        var text = style.red(style.bold("!! " + title + ": " + n(lines.count)))
        for line in lines.prefix(listedProblems) {
            text += "\n  - " + line
        }
        if lines.count > listedProblems {
            text += "\n  ... and " + n(lines.count - listedProblems) + " more (all in report.json)"
        }
        return text
    }

    // MARK: - Helpers

    /// A titled section: the bold title, then the body.
    static func section(_ title: String, _ style: Style, _ body: String) -> String {
        style.bold(title) + "\n" + body
    }

    /// Counts by name, largest first (ties by name), with a total, and a share column when asked.
    private static func countTable(_ counts: [String: Int], withShare: Bool) -> String {
        guard !counts.isEmpty else { return "  none" }
        let total = counts.values.reduce(0, +)
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var rows = sorted.map { [$0.key, n($0.value)] + (withShare ? [share($0.value, of: total)] : []) }
        rows.append(["total", n(total)] + (withShare ? [""] : []))
        return table(rows, right: [1, 2])
    }

    /// Rows as aligned columns, two spaces apart; columns in `right` are right-aligned.
    static func table(_ rows: [[String]], right: Set<Int>, indent: Int = 2) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let lines = rows.map { row in
            let cells = row.enumerated().map { column, cell in
                right.contains(column)
                    ? ProgressFormat.padLeft(cell, to: widths[column]) : ProgressFormat.padRight(cell, to: widths[column])
            }
            return String(repeating: " ", count: indent) + cells.joined(separator: "  ")
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// `12.3 KiB`: bytes in binary units with one decimal above bytes.
    static func bytes(_ value: Double) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard value.magnitude >= 1_024 else { return ProgressFormat.thousands(Int(value.rounded())) + " B" }
        var scaled = value / 1_024
        var unit = 0
        while scaled.magnitude >= 1_024 && unit < units.count - 1 {
            scaled /= 1_024
            unit += 1
        }
        return ProgressFormat.fixed(scaled, decimals: 1) + " " + units[unit]
    }

    static func n(_ value: Int) -> String { ProgressFormat.thousands(value) }

    static func share(_ part: Int, of whole: Int) -> String {
        whole > 0 ? ProgressFormat.percent(Double(part) / Double(whole)) : "-"
    }

    /// `1 divergence`, `3 divergences`; nil for none.
    private static func count(_ value: Int, _ one: String, _ many: String) -> String? {
        value == 0 ? nil : n(value) + " " + (value == 1 ? one : many)
    }

    /// ANSI styling that is a no-op when disabled.
    struct Style {
        var enabled: Bool

        func bold(_ text: String) -> String { wrap(text, "1") }
        func red(_ text: String) -> String { wrap(text, "31") }
        func green(_ text: String) -> String { wrap(text, "32") }
        func yellow(_ text: String) -> String { wrap(text, "33") }

        private func wrap(_ text: String, _ code: String) -> String {
            enabled ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
        }
    }
}
