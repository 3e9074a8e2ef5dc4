import Foundation
import Models
import NIOHTTP1
import Server
import SyncHTTP

/// The branch's officers in a branch week: so many per role, each taking a share of the day's
/// capacity each hour. The worklist of each role is read once per hour (most urgent first, as
/// the server orders it) and dealt out among the role's officers, so no two take the same claim.
struct OfficeTeam {
    struct Member {
        var desk: OfficerDesk
        var tokens: HTTPTokenProvider
    }

    let context: RunContext
    let ledger: WeekLedger
    let clock: WeekClock
    var roles: [OfficerDesk.Role: [Member]] = [:]
    /// What the back office knows of the claims' in-person identity checks.
    let identity = IdentityWatch(calendar: .indonesia)

    /// Signs in `perRole` officers of every role (``DemoPopulation/officer(_:_:)``).
    static func signIn(perRole: Int, context: RunContext, ledger: WeekLedger, clock: WeekClock) async throws -> OfficeTeam {
        var team = OfficeTeam(context: context, ledger: ledger, clock: clock)
        var desk = 0
        for role in OfficerDesk.Role.allCases {
            for number in 1...perRole {
                desk += 1
                let officer = DemoPopulation.officer(OfficerRole(rawValue: role.rawValue)!, number)
                let code = context.code
                let tokens = try await HTTPTokenProvider.signInOfficer(
                    baseURL: context.baseURL,
                    employeeNumber: officer.employeeNumber,
                    deviceID: "sim-week-\(officer.employeeNumber)-\(context.seed)",
                    client: context.client,
                    code: { code }
                )
                context.metrics.request("auth", status: 200)
                context.metrics.request("auth", status: 200)
                var member = Member(
                    desk: OfficerDesk(employeeNumber: officer.employeeNumber, role: role, desk: desk, context: context),
                    tokens: tokens
                )
                member.desk.token = try await tokens.accessToken()
                team.roles[role, default: []].append(member)
            }
        }
        return team
    }

    /// One hour of work: each officer takes up to `capacity` claims of their role's worklist (the
    /// back office only those it can decide now, see ``decidable(_:wanted:identity:today:member:context:)``).
    mutating func work(capacity: Int) async throws {
        guard capacity > 0 else { return }
        let context = context
        let ledger = ledger
        let clock = clock
        let identity = identity
        try await withThrowingTaskGroup(of: (OfficerDesk.Role, [Member]).self) { group in
            for (role, members) in roles {
                group.addTask {
                    var members = members
                    let listed = try await Self.worklist(role, members: &members, context: context)
                    let items =
                        role == .backOffice
                        ? try await Self.decidable(
                            listed,
                            wanted: capacity * members.count,
                            identity: identity,
                            today: LocalDate(clock.now(), in: .wib),
                            member: &members[0],
                            context: context
                        )
                        : listed.map { WorkItem(item: $0) }
                    try await withThrowingTaskGroup(of: (Int, Member).self) { officers in
                        for (index, member) in members.enumerated() {
                            let share = stride(from: index, to: items.count, by: members.count).map { items[$0] }.prefix(capacity)
                            officers.addTask {
                                var member = member
                                for next in share {
                                    let item = next.item
                                    guard let status = try await Self.act(&member, on: item.claimId, rejecting: next.rejecting) else {
                                        continue
                                    }
                                    if status == "paid", let id = UUID(uuidString: item.claimId) { ledger.paid(id, at: clock.now()) }
                                }
                                return (index, member)
                            }
                        }
                        for try await (index, member) in officers { members[index] = member }
                    }
                    return (role, members)
                }
            }
            for try await (role, members) in group { roles[role] = members }
        }
    }

    /// The role's worklist as its first officer sees it: the claims waiting for that role.
    static func worklist(_ role: OfficerDesk.Role, members: inout [Member], context: RunContext) async throws -> [OfficerDesk.Worklist.Item]
    {
        let tokens = members[0].tokens
        let list: OfficerDesk.Worklist = try await context.http.get(
            "/v1/office/worklist?role=\(role.rawValue)",
            family: "office",
            token: &members[0].desk.token,
            renew: { try await tokens.refresh() }
        )
        return list.items.filter { $0.status == role.works }
    }

    /// One step by one officer, refreshing an expired token once; with `rejecting`, the back
    /// office rejects the claim because identity could not be verified in person.
    static func act(_ member: inout Member, on claimID: String, rejecting: String? = nil) async throws -> String? {
        func step(_ desk: inout OfficerDesk) async throws -> String? {
            guard let rejecting else { return try await desk.act(on: claimID) }
            return try await desk.reject(claimID, cause: "identityMismatch", reason: rejecting) ? "rejected" : nil
        }
        do {
            return try await step(&member.desk)
        } catch let failure as SimHTTP.Failure where failure.status == 401 {
            member.desk.token = try await member.tokens.refresh()
            return try await step(&member.desk)
        }
    }

    /// The worklists at the end of a day: claims waiting for each role by status, how many
    /// are at risk or past due, and every due date the server gave (checked by the ledger).
    func snapshot(_ day: LocalDate) async throws {
        struct Item: Decodable {
            struct SLA: Decodable {
                var state: String
                var dueDate: String?
                var estimatedPaymentDate: String?
            }
            var claimId: String
            var status: String
            var sla: SLA
        }
        struct List: Decodable { var items: [Item] }
        for role in OfficerDesk.Role.allCases {
            guard var member = roles[role]?.first else { continue }
            let tokens = member.tokens
            let list: List = try await context.http.get(
                "/v1/office/worklist?role=\(role.rawValue)",
                family: "office",
                token: &member.desk.token,
                renew: { try await tokens.refresh() }
            )
            for item in list.items {
                if let due = item.sla.dueDate.flatMap({ try? LocalDate($0) }) {
                    ledger.reported(due, source: "worklist due date of claim \(item.claimId)")
                }
                if let estimate = item.sla.estimatedPaymentDate.flatMap({ try? LocalDate($0) }) {
                    ledger.reported(estimate, source: "worklist estimated payment date of claim \(item.claimId)")
                }
            }
            ledger.day(day) { figures in
                for item in list.items {
                    figures.inOffice[item.status, default: 0] += 1
                    if item.sla.state == "atRisk" { figures.atRisk += 1 }
                    if item.sla.state == "breached" { figures.breached += 1 }
                }
            }
        }
    }

    /// The staff page's KPIs from `from` through `to`, as the first head of service reads them.
    func kpis(from: LocalDate, to: LocalDate) async throws -> WeekKPIs? {
        guard let head = roles[.headOfService]?.first else { return nil }
        let path = "/v1/office/kpis?from=\(from)&to=\(to)"
        do {
            return try await context.http.json(.GET, path, family: "office", token: try await head.tokens.refresh())
        } catch {
            context.metrics.divergence("the staff page's KPIs could not be read: \(error)")
            return nil
        }
    }
}
