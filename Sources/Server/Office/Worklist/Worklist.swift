import Foundation
import Models

/// The claims waiting for an officer's roles, most urgent first. Pure: built from the office
/// view of the branch's claims at one instant.
struct Worklist: Sendable {
    struct Item: Sendable {
        var office: OfficeClaim
        var role: OfficerRole
        var sla: OfficeSLA
    }

    var branch: Branch
    var roles: [OfficerRole]
    var generatedAt: Date
    var items: [Item]

    /// Orders claims by SLA risk: breached first (most overdue first), then fewest working
    /// days left, then paused and not started; ties go first come, first served (by the time
    /// the claim reached its current status), so nobody jumps the queue.
    init(
        claims: [OfficeClaim],
        roles: [OfficerRole],
        branch: Branch,
        at now: Date,
        policy: SLAPolicy,
        calendar: WorkingDayCalendar
    ) {
        self.branch = branch
        self.roles = roles
        self.generatedAt = now
        let wanted = Set(roles)
        items = claims.compactMap { office -> Item? in
            guard office.claim.branchID == branch.id, let role = office.claim.status.actingRole, wanted.contains(role) else { return nil }
            let sla = OfficeSLA(
                claim: office.claim,
                statusSince: office.statusSince,
                at: now,
                policy: policy,
                zone: branch.timeZone,
                calendar: calendar
            )
            return Item(office: office, role: role, sla: sla)
        }
        .sorted { a, b in
            if a.sla.status.urgency != b.sla.status.urgency { return a.sla.status.urgency < b.sla.status.urgency }
            if a.office.statusSince != b.office.statusSince { return a.office.statusSince < b.office.statusSince }
            return a.office.claim.id.rawValue.uuidString < b.office.claim.id.rawValue.uuidString
        }
    }

    /// The statuses to load for `roles`.
    static func statuses(for roles: [OfficerRole]) -> Set<ClaimStatus> {
        roles.reduce(into: Set<ClaimStatus>()) { $0.formUnion(ClaimStatus.worklist(of: $1)) }
    }
}
