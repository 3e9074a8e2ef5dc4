import Foundation
import Models

/// The staff page: the branch's KPIs for a period with a chart of working days to payment,
/// the officer's worklist (most urgent first) and the claims waiting for participants.
/// Plain HTML and CSS; refreshes itself every minute.
struct StaffPage: Sendable {
    var officer: Officer
    var branch: Branch
    var kpis: BranchKPIs
    var worklist: Worklist
    var waiting: [OfficeClaim]
    var now: Date

    func render() -> String {
        let roles = officer.roles.sorted().map(Self.roleName).joined(separator: ", ")
        let body = """
            <header>
              <div>
                <h1>\(HTML.escape(branch.name))</h1>
                <p data-officer>\(HTML.escape(officer.name)) · \(HTML.escape(roles))</p>
              </div>
              <form method="post" action="/staff/sign-out"><button type="submit">Sign out</button></form>
            </header>
            <main>
            \(periodForm)
            <section aria-labelledby="kpi-title">
              <h2 id="kpi-title">KPIs \(HTML.shortDate(kpis.from)) – \(HTML.shortDate(kpis.to)) \(kpis.to.year)</h2>
              <div class="cards">
            \(cards)
              </div>
            </section>
            <section class="chart" aria-labelledby="chart-title">
              <h2 id="chart-title">Working days from complete documents to payment</h2>
            \(StaffChart(histogram: kpis.workingDaysHistogram, limit: kpis.sla.limitWorkingDays).render())
            </section>
            <section aria-labelledby="worklist-title">
              <h2 id="worklist-title">Worklist (\(worklist.items.count)) <span class="muted">most urgent first</span></h2>
            \(worklistTable)
            </section>
            <section aria-labelledby="waiting-title">
              <h2 id="waiting-title">Waiting for participants (\(waiting.count))</h2>
            \(waitingTable)
            </section>
            <p class="muted">Updated \(HTML.dateTime(now, zone: branch.timeZone)). Times in \(branch.timeZone.abbreviation).</p>
            </main>
            """
        return HTML.page(title: "JHT office – \(branch.name)", body: body, refreshSeconds: 60)
    }

    var periodForm: String {
        """
        <form class="period" method="get" action="/staff">
          <label>From <input type="date" name="from" value="\(kpis.from)"></label>
          <label>To <input type="date" name="to" value="\(kpis.to)"></label>
          <button type="submit">Show</button>
        </form>
        """
    }

    var cards: String {
        let k = kpis
        let channels = k.channels.filter { $0.count > 0 }.map { "\(Self.channelName($0.channel)) \(HTML.percent($0.share))" }
        return [
            card(
                "slaCompliance",
                "SLA compliance",
                HTML.percent(k.sla.compliance),
                "\(k.sla.onTime) of \(k.sla.onTime + k.sla.late) paid within \(k.sla.limitWorkingDays) working days"
            ),
            card(
                "workingDays",
                "Working days to payment",
                HTML.number(k.sla.medianWorkingDays),
                "median · p90 \(HTML.number(k.sla.p90WorkingDays))"
            ),
            card("paid", "Paid", "\(k.paid)", "\(k.submitted) submitted in the period"),
            card(
                "firstTimeRight",
                "First-time right",
                HTML.percent(k.firstTimeRight.rate),
                "\(k.firstTimeRight.count) of \(k.firstTimeRight.outOf) paid with no correction"
            ),
            card(
                "corrections",
                "Corrections",
                HTML.percent(k.corrections.rate),
                "\(k.corrections.count) of \(k.corrections.outOf) checked",
                causes: k.corrections
            ),
            card(
                "rejections",
                "Rejections",
                HTML.percent(k.rejections.rate),
                "\(k.rejections.count) of \(k.rejections.outOf) closed",
                causes: k.rejections
            ),
            card(
                "paymentFailures",
                "Payment failures",
                HTML.percent(k.paymentFailures.rate),
                "\(k.paymentFailures.count) of \(k.paymentFailures.outOf) transfers",
                causes: k.paymentFailures
            ),
            card("channels", "Channel mix", "\(k.submitted)", channels.isEmpty ? "no submissions" : channels.joined(separator: " · ")),
            card(
                "biometricFallback",
                "Face-check fallback",
                HTML.percent(k.biometricFallback.rate),
                "\(k.biometricFallback.count) of \(k.biometricFallback.outOf) participants sent to branch or video"
            ),
            card(
                "survey",
                "Satisfaction",
                k.survey.overall.map { "\(HTML.number($0))/5" } ?? "–",
                "clarity \(HTML.number(k.survey.clarity)) · speed \(HTML.number(k.survey.speed)) · \(k.survey.responses) of \(k.survey.offered) answered"
            ),
        ].joined(separator: "\n")
    }

    func card(_ id: String, _ title: String, _ value: String, _ note: String, causes: BranchKPIs.RateByCause? = nil) -> String {
        let list =
            (causes?.byCause.prefix(3)).map { top in
                top.isEmpty ? "" : "<ul>" + top.map { "<li>\(HTML.escape(Self.causeName($0.cause))): \($0.count)</li>" }.joined() + "</ul>"
            } ?? ""
        return """
                <div class="card" data-kpi="\(id)"><h3>\(HTML.escape(title))</h3><div class="value">\(HTML.escape(value))</div><p>\(HTML.escape(note))</p>\(list)</div>
            """
    }

    var worklistTable: String {
        guard !worklist.items.isEmpty else { return "<p class=\"empty\">Nothing waiting for your roles.</p>" }
        let rows = worklist.items.map { item in
            let claim = item.office.claim
            return """
                <tr data-claim="\(claim.id.rawValue.uuidString)">
                <td data-label="SLA">\(Self.badge(item.sla))</td>
                <td data-label="Participant">\(HTML.escape(item.office.participantName))</td>
                <td data-label="Claim">\(HTML.escape(Self.reasonName(claim.reason))) · \(HTML.escape(Self.channelName(claim.channel)))</td>
                <td data-label="Step">\(HTML.escape(Self.roleName(item.role)))</td>
                <td data-label="Since">\(HTML.dateTime(item.office.statusSince, zone: branch.timeZone))</td>
                <td data-label="Ref" class="muted">\(claim.id.rawValue.uuidString.prefix(8))</td>
                </tr>
                """
        }
        return """
            <table>
            <thead><tr><th>SLA</th><th>Participant</th><th>Claim</th><th>Step</th><th>Since</th><th>Ref</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            """
    }

    var waitingTable: String {
        guard !waiting.isEmpty else { return "<p class=\"empty\">No claim is waiting for a participant.</p>" }
        let rows = waiting.map { office in
            let claim = office.claim
            let what = claim.status == .paymentFailed ? "Another bank account" : "Correction: \(NoticeComposer.items(claim.correction))"
            let told = office.lastNoticeAt.map { HTML.dateTime($0, zone: branch.timeZone) } ?? "–"
            return """
                <tr data-claim="\(claim.id.rawValue.uuidString)">
                <td data-label="Participant">\(HTML.escape(office.participantName))</td>
                <td data-label="Waiting for">\(HTML.escape(what))</td>
                <td data-label="Since">\(HTML.dateTime(office.statusSince, zone: branch.timeZone))</td>
                <td data-label="Last told">\(told)</td>
                </tr>
                """
        }
        return """
            <table>
            <thead><tr><th>Participant</th><th>Waiting for</th><th>Since</th><th>Last told</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            """
    }

    static func badge(_ sla: OfficeSLA) -> String {
        let suffix = sla.provisional ? " (if complete)" : ""
        let (kind, text): (String, String) =
            switch sla.status {
            case .breached(let due, let overdue): ("breached", "Late \(overdue) wd · due \(HTML.shortDate(due))")
            case .atRisk(let due, _): ("atRisk", "At risk · due \(HTML.shortDate(due))\(suffix)")
            case .onTrack(let due, let remaining): ("onTrack", "\(remaining) wd left · due \(HTML.shortDate(due))\(suffix)")
            case .paused(let remaining): ("paused", "Paused · \(remaining) wd left")
            case .notStarted: ("notStarted", "Not started")
            }
        return "<span class=\"badge \(kind)\" data-sla=\"\(kind)\">\(HTML.escape(text))</span>"
    }

    static func roleName(_ role: OfficerRole) -> String {
        switch role {
        case .cso: "CSO"
        case .backOffice: "Back office"
        case .headOfService: "Head of service"
        case .finance: "Finance"
        }
    }

    static func channelName(_ channel: ClaimChannel) -> String {
        switch channel {
        case .app: "App"
        case .lapakAsik: "Lapak Asik"
        case .branch: "Branch"
        }
    }

    static func reasonName(_ reason: ClaimReason) -> String {
        switch reason {
        case .retirement: "Retirement"
        case .resignation: "Resignation"
        case .termination: "Termination"
        case .contractEnded: "Contract ended"
        case .leavingIndonesia: "Leaving Indonesia"
        case .permanentDisability: "Disability"
        case .death: "Death"
        case .partial10: "Partial 10%"
        case .partial30: "Partial 30%"
        }
    }

    /// A cause code's detail as people read it (`bankBook` → `bank book`).
    static func causeName(_ cause: String) -> String {
        if let kind = DocumentKind(rawValue: cause) { return DocumentNames.name(of: kind) }
        var words = ""
        for character in cause {
            if character.isUppercase, !words.isEmpty { words.append(" ") }
            words.append(Character(character.lowercased()))
        }
        return words
    }
}
