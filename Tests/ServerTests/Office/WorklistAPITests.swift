import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Worklists per role, ordered by SLA risk: breached first, then due soonest.
@Suite("Worklists")
struct WorklistAPITests {
    @Test func theBackOfficeSeesBreachedClaimsFirstThenTheSoonestDue() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            // Siti: complete Monday; Maria: complete Tuesday; Joko: complete Wednesday, and as a
            // Lapak Asik claim (his balance is over the online ceiling) complete and correct once
            // his video interview took place on Thursday.
            var claims: [String: UUID] = [:]
            var phones: [String: OfficePhone] = [:]
            let people: [(String, ClaimReason, Int)] = [
                ("Siti Rahayu", .resignation, 0), ("Maria Simanjuntak", .leavingIndonesia, 1), ("Joko Susilo", .permanentDisability, 2),
            ]
            for (name, reason, day) in people {
                server.clock.set(OfficeTime.wib(plusDays: day))
                let person = Demo.person(name)
                var phone = try await client.phone(
                    person,
                    device: "phone-\(person.participant.kpj.rawValue)",
                    inbox: server.inbox,
                    clock: server.clock,
                    uploads: server.store
                )
                let claim = try await phone.submitClaim(reason, bankAccount: TestAccounts.bca(name), client: client, clock: server.clock)
                let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
                #expect(try await client.office("documents-complete", claim: claim, token: cso).status == .ok)
                claims[name] = claim
                phones[name] = phone
            }
            try await client.checkIdentityInPerson(claims["Joko Susilo"]!, phone: phones["Joko Susilo"]!, server: server)
            // Tuesday 1 December: Siti's due date (Monday) has passed, Maria's is today, Joko's on Thursday.
            server.clock.set(OfficeTime.wib(plusDays: 8))
            let backOffice = try await client.officers(["1002"], inbox: server.inbox)["1002"]!
            let (status, json) = try await client.officeGet("/v1/office/worklist", token: backOffice)
            #expect(status == .ok)
            #expect(json["roles"] as? [String] == ["backOffice"])
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.map { $0["participantName"] as? String } == ["Siti Rahayu", "Maria Simanjuntak", "Joko Susilo"])
            let slas = items.compactMap { $0["sla"] as? [String: Any] }
            #expect(slas.map { $0["state"] as? String } == ["breached", "atRisk", "onTrack"])
            #expect(slas.first?["workingDaysOverdue"] as? Int == 1)
            #expect(slas.map { $0["dueDate"] as? String } == ["2026-11-30", "2026-12-01", "2026-12-03"])
            #expect(items.allSatisfy { $0["role"] as? String == "backOffice" && $0["stage"] as? String == "penetapanKlaim" })
            #expect(items.first?["claimId"] as? String == claims["Siti Rahayu"]?.uuidString)

            // The CSO's queue is empty; Wawan (CSO and head of service) sees both of his queues.
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            #expect((try await client.officeGet("/v1/office/worklist", token: cso).json["items"] as? [Any])?.isEmpty == true)
            let wawan = try await client.officers(["1005"], inbox: server.inbox)["1005"]!
            #expect(try await client.officeGet("/v1/office/worklist", token: wawan).json["roles"] as? [String] == ["cso", "headOfService"])
        }
    }
}
