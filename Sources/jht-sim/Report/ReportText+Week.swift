import Foundation
import Models

extension ReportText {
    /// The week as a branch head reads it: one row per day, the notices with their cause and
    /// new estimated date, the staff page's KPIs for the week, the checks, and a staffing sweep.
    static func week(_ r: RunResults, _ style: Style) -> [String] {
        var sections: [String] = []
        if let week = r.week {
            sections += [days(week, style), notices(week, style), identity(week, style), weekKPIs(week, style), weekChecks(week, style)]
        }
        if let levels = r.staffing { sections.append(staffing(levels, style)) }
        return sections
    }

    static func days(_ w: WeekReport, _ style: Style) -> String {
        var rows = [
            [
                "day", "", "app", "lapak", "branch", "refused", "paid", "in office", "waiting", "at risk", "past due", "notices", "kept",
                "missed", "queue", "counter", "sent home",
            ]
        ]
        for day in w.days {
            let notices = day.notices.reduce(0) { $0 + $1.count }
            let received = { (channel: ClaimChannel) in n(day.received[channel.rawValue] ?? 0) }
            rows.append([
                day.date.description, day.dayOff.map { String($0.prefix(18)) } ?? "", received(.app), received(.lapakAsik),
                received(.branch),
                n(day.refused), n(day.paid), n(day.inOfficeTotal), n(day.waitingForParticipant), n(day.atRisk), n(day.breached), n(notices),
                n(day.appointmentsKept), n(day.appointmentsMissed), n(day.queueNumbers), n(day.counterClaims), n(day.sentHome),
            ])
        }
        var stages: [String: Int] = [:]
        if let last = w.days.last(where: { $0.dayOff == nil }) { stages = last.inOffice }
        let stageLine = stages.sorted { $0.key < $1.key }.map { "\($0.key) \(n($0.value))" }.joined(separator: ", ")
        let plan = w.plan
        let header =
            "  \(plan.days) working days of arrivals from \(plan.start), then \(plan.drainDays) of office work; "
            + "\(plan.officersPerRole) officers per role, \(plan.claimsPerOfficerDay) claims each a day\n"
        return section(
            "The week, day by day",
            style,
            header + table(rows, right: Set(2...16)) + "\n  in the office at the last working day's close: "
                + (stageLine.isEmpty ? "none" : stageLine)
        )
    }

    static func notices(_ w: WeekReport, _ style: Style) -> String {
        var rows: [[String]] = [["day", "kind", "count", "new estimated date", "cause"]]
        for day in w.days {
            for line in day.notices.sorted(by: { ($0.kind, $0.cause) < ($1.kind, $1.cause) }) {
                rows.append([day.date.description, line.kind, n(line.count), line.estimatedPaymentDate?.description ?? "-", line.cause])
            }
        }
        guard rows.count > 1 else { return section("SLA notices", style, "  none") }
        return section("SLA notices (cause and new estimated payment date)", style, table(rows, right: [2]))
    }

    /// The in-person identity checks by purpose: kept and missed, verified or not, still open,
    /// and what became of their claims.
    static func identity(_ w: WeekReport, _ style: Style) -> String {
        let names = [
            ("videoInterview", "Lapak Asik interview"), ("counterCheck", "counter check"), ("faceCheckFallback", "face-check fallback"),
        ]
        var rows = [
            ["", "tickets", "kept", "missed", "verified", "not verified", "open", "claims paid", "rejected", "longest wait (wd)"]
        ]
        for (purpose, name) in names {
            guard let f = w.identityChecks[purpose] else { continue }
            rows.append([
                name, n(f.tickets), n(f.kept), n(f.missed), n(f.verified), n(f.notVerified), n(f.open), n(f.claimsPaid),
                n(f.claimsRejected),
                n(f.longestWaitWorkingDays),
            ])
        }
        guard rows.count > 1 else { return section("Identity checks in person", style, "  none") }
        return section("Identity checks in person", style, table(rows, right: Set(1...9)))
    }

    static func weekKPIs(_ w: WeekReport, _ style: Style) -> String {
        guard let k = w.kpis else { return section("Staff page KPIs for the week", style, "  not available") }
        func rate(_ value: Double?) -> String { value.map { ProgressFormat.percent($0) } ?? "-" }
        func days(_ value: Double?) -> String { value.map { ProgressFormat.fixed($0, decimals: 1) } ?? "-" }
        let rows = [
            ["submitted", n(k.submitted)],
            ["paid", n(k.paid)],
            ["paid on time / late", "\(n(k.sla.onTime)) / \(n(k.sla.late))"],
            ["SLA compliance", rate(k.sla.compliance)],
            ["working days to payment, median / p90", "\(days(k.sla.medianWorkingDays)) / \(days(k.sla.p90WorkingDays))"],
            ["first time right", rate(k.firstTimeRight.rate)],
            ["corrections", "\(n(k.corrections.count)) of \(n(k.corrections.outOf))"],
            ["payment failures", "\(n(k.paymentFailures.count)) of \(n(k.paymentFailures.outOf))"],
            ["face-check fallback", "\(n(k.biometricFallback.count)) of \(n(k.biometricFallback.outOf))"],
            ["channels", k.channels.map { "\($0.channel) \(n($0.count))" }.joined(separator: ", ")],
        ]
        return section("Staff page KPIs for the week", style, table(rows, right: []))
    }

    static func weekChecks(_ w: WeekReport, _ style: Style) -> String {
        let median = w.medianWorkingDaysToPayment.map { ProgressFormat.fixed($0, decimals: 1) } ?? "-"
        let fromReceipt = w.medianWorkingDaysFromReceipt.map { ProgressFormat.fixed($0, decimals: 1) } ?? "-"
        let rows = [
            ["claims past the SLA: paid late + open past due", "\(n(w.claimsPastSLA)) (\(n(w.paidLate)) + \(n(w.openPastDue)))"],
            ["paid, median working days to payment (SLA clock / from receipt)", "\(n(w.paidClaims)), \(median) / \(fromReceipt)"],
            [
                "due and estimated dates checked against the calendar",
                "\(n(w.dueDatesChecked)), \(n(w.dueDateProblems.count)) not working days",
            ],
            [
                "fallback identity verified in person",
                "\(n(w.fallbackVerified)): \(n(w.fallbackRefusals.values.reduce(0, +))) refused at submit with a reason"
                    + w.fallbackRefusals.sorted { $0.key < $1.key }.map { " (\($0.key) \(n($0.value)))" }.joined()
                    + ", \(n(w.fallbackNotContinued.count)) stuck without one",
            ],
            [
                "Lapak Asik and counter claims held for an identity ticket",
                "\(n(w.identityTickets)) (\(n(w.identityChecksNotRequired)) not required by the server)",
            ],
            ["members who looked at their balance", "\(n(w.membersLooked)), \(n(w.memberProblems.count)) problems"],
        ]
        var text = section("Checks of the week", style, table(rows, right: []))
        for (title, lines) in [("Due dates", w.dueDateProblems), ("Fallback", w.fallbackNotContinued), ("Members", w.memberProblems)]
        where !lines.isEmpty {
            text += "\n" + problemList(title, lines, style)
        }
        return text
    }

    static func staffing(_ levels: [StaffingLevel], _ style: Style) -> String {
        var rows = [
            [
                "officers per role", "received", "paid", "past the SLA", "median wd to payment", "from receipt", "notices", "check",
                "seconds",
            ]
        ]
        func days(_ value: Double?) -> String { value.map { ProgressFormat.fixed($0, decimals: 1) } ?? "-" }
        for level in levels {
            rows.append([
                n(level.officersPerRole), n(level.claimsReceived), n(level.paid), n(level.claimsPastSLA),
                days(level.medianWorkingDaysToPayment), days(level.medianWorkingDaysFromReceipt), n(level.notices),
                level.passed ? "PASS" : "FAIL", ProgressFormat.fixed(level.wallSeconds, decimals: 0),
            ])
        }
        let answer =
            StaffingSweep.enough(levels).map { "\n  \($0.officersPerRole) officers per role keep every claim within the SLA." }
            ?? "\n  No level kept every claim within the SLA."
        return section("Staffing (wd: working days)", style, table(rows, right: Set(0...8)) + answer)
    }
}
