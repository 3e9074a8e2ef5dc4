import Foundation
import Models

/// Loads what the worklists and KPIs are computed from.
struct OfficeReports: Sendable {
    let store: any Store
    let configuration: ServerConfiguration

    /// The longest period a KPI request may cover.
    static let maxPeriodDays = 366

    func worklist(for roles: [OfficerRole], branch: Branch, at now: Date) async throws -> Worklist {
        let claims = try await store.officeClaims(of: branch.id, in: Worklist.statuses(for: roles))
        return Worklist(claims: claims, roles: roles, branch: branch, at: now, policy: configuration.sla, calendar: configuration.calendar)
    }

    /// Claims waiting for the participant (a correction, another bank account), oldest first.
    func waitingForParticipants(branch: Branch) async throws -> [OfficeClaim] {
        try await store.officeClaims(of: branch.id, in: [.correctionRequested, .paymentFailed]).sorted { $0.statusSince < $1.statusSince }
    }

    func kpis(branch: Branch, from: LocalDate, to: LocalDate) async throws -> BranchKPIs {
        let calculator = KPICalculator(
            branch: branch,
            from: from,
            to: to,
            policy: configuration.sla,
            calendar: configuration.calendar,
            biometric: configuration.biometric
        )
        let (start, until) = calculator.interval
        let entries = try await store.auditLog(of: branch.id, from: start, until: until)
        let paid = Set(entries.filter { $0.event == "recordPayment" }.map(\.claimID))
        let trails = try await store.auditTrails(of: paid)
        let claims = try await store.officeClaims(Set(entries.map(\.claimID)))
        return calculator.compute(
            KPICalculator.Inputs(
                entries: entries,
                trailsOfPaid: trails,
                claims: Dictionary(claims.map { ($0.claim.id, $0.claim) }, uniquingKeysWith: { first, _ in first }),
                surveys: try await store.surveys(of: branch.id, from: start, until: until),
                attempts: try await store.biometricAttempts(of: branch.id, from: start, until: until)
            )
        )
    }

    /// The period a request asks for: `from` defaults to the first of this month, `to` to
    /// today, in the branch's time zone.
    static func period(from: String?, to: String?, today: LocalDate) throws(Problem) -> (LocalDate, LocalDate) {
        func parse(_ text: String?, field: String, default value: LocalDate) throws(Problem) -> LocalDate {
            guard let text else { return value }
            do { return try LocalDate(text) } catch {
                throw Problem.validation([ValueError(code: "period.date", field: field, message: error.message)])
            }
        }
        let start = try parse(from, field: "from", default: LocalDate(year: today.year, month: today.month, day: 1))
        let end = try parse(to, field: "to", default: today)
        guard start <= end, end.dayNumber - start.dayNumber <= maxPeriodDays else {
            throw Problem.validation([
                ValueError(
                    code: "period.range",
                    field: "to",
                    message: "A period runs from 'from' to 'to' (included), at most \(maxPeriodDays) days."
                )
            ])
        }
        return (start, end)
    }
}
