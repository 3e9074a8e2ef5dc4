import Foundation
import Models
import SyncHTTP

extension OfficeTeam {
    /// A claim an officer takes this hour; for the back office, `rejecting` says why the claim is
    /// rejected when the in-person check could not verify the participant.
    struct WorkItem {
        var item: OfficerDesk.Worklist.Item
        var rejecting: String?
    }

    /// Up to `wanted` claims of the back office's worklist, in its order, that can be decided
    /// now: app claims, and Lapak Asik and branch claims whose in-person check is done (read from
    /// their tickets, see ``IdentityWatch``). The others wait, without a refused request.
    static func decidable(
        _ items: [OfficerDesk.Worklist.Item],
        wanted: Int,
        identity: IdentityWatch,
        today: LocalDate,
        member: inout Member,
        context: RunContext
    ) async throws -> [WorkItem] {
        var ready: [WorkItem] = []
        for item in items where ready.count < wanted {
            guard IdentityWatch.needsCheck(item.channel) else {
                ready.append(WorkItem(item: item))
                continue
            }
            var decision = identity.known(item.claimId, today: today)
            if decision == nil {
                let view = try await ticket(of: item.claimId, member: &member, context: context)
                decision = IdentityWatch.decision(view, today: today, calendar: identity.calendar)
                identity.note(item.claimId, decision!)
            }
            switch decision {
            case .verify: ready.append(WorkItem(item: item))
            case .reject(let reason): ready.append(WorkItem(item: item, rejecting: reason))
            case .wait, nil: continue
            }
        }
        return ready
    }

    /// The claim's in-person check as the officer sees it; `nil` when the claim has none.
    static func ticket(of claimID: String, member: inout Member, context: RunContext) async throws -> IdentityWatch.TicketView? {
        guard let claim = UUID(uuidString: claimID) else { return nil }
        let ticketID = FallbackTicket.id(forClaim: .init(claim)).rawValue.uuidString
        let tokens = member.tokens
        do {
            return try await context.http.get(
                "/v1/office/fallback/tickets/\(ticketID)",
                family: "office",
                token: &member.desk.token,
                renew: { try await tokens.refresh() }
            )
        } catch let failure as SimHTTP.Failure where failure.status == 404 {
            return nil
        }
    }
}
