import Foundation
import Models
import NIOHTTP1
import Server
import Sync
import SyncHTTP

/// A member who files nothing this week opens the app once to look at their savings: signs
/// in (which provisions their bucket), pulls it, and reads their account. "Through the week"
/// for them means: their bucket exists with their contact details, and the balance the app
/// shows is the one the branch holds for them (``DemoPopulation``). A light phone: no replica
/// file, no outbox, nothing written.
enum MemberLook {
    struct Me: Decodable {
        struct Membership: Decodable { var balance: Int64 }
        var membership: Membership
    }

    /// Looks once; returns what was wrong, or `nil`.
    static func look(_ member: DemoPopulation.Member, context: RunContext) async -> String? {
        let who = "member \(member.index)"
        do {
            let tokens = try await context.signIn(member, deviceID: "sim-look-\(context.seed)-\(member.index)")
            let transport = HTTPSyncTransport(baseURL: context.baseURL, client: context.client)
            var cursor = SyncCursor.start
            var profile = false
            let profileID = ParticipantProfile(participantID: member.account.participant.id, phone: nil, email: nil).recordID
            while true {
                let page = try await transport.pull(cursor: cursor, limit: 500, accessToken: try await tokens.accessToken())
                context.metrics.request("pull", status: 200)
                if page.changes.contains(where: {
                    $0.record.key.type == ParticipantProfile.syncSchema.type && $0.record.key.id == profileID
                }) {
                    profile = true
                }
                cursor = page.cursor
                if !page.hasMore { break }
            }
            let me: Me = try await context.http.json(.GET, "/v1/me", family: "me", token: try await tokens.accessToken())
            if !profile { return "\(who): no bucket (contact details) after signing in" }
            if me.membership.balance != member.account.membership.balance.amount {
                return "\(who): the app shows a balance other than the branch's"
            }
            return nil
        } catch {
            return "\(who): could not look at the balance: \(ParticipantJourney.describe(error))"
        }
    }
}
