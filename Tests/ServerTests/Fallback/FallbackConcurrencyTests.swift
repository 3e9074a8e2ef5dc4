import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// The branch quota under a rush: a thousand participants ask for the last places of a day at
/// once, through the real routes and store.
@Suite("Fallback booking under load")
struct FallbackConcurrencyTests {
    let now = When.utc("2026-12-21T02:00:00Z")

    /// A participant seeded straight into the store with a drafted claim, an open ticket and
    /// an access token.
    struct Seeded: Sendable {
        var ticket: FallbackTicket.ID
        var token: String
    }

    func seed(_ count: Int, into server: TestServer) async throws -> [Seeded] {
        let store = server.store
        let tokens = TokenService(keys: server.signingKeys)
        let clock = HLCTimestamp(millis: Int64(now.timeIntervalSince1970 * 1000), counter: 0, node: "seed")
        var seeded: [Seeded] = []
        for n in 1...count {
            let id = Participant.ID(UUID())
            let participant = Participant(
                id: id,
                nik: try NIK("327301010190" + String(format: "%04d", n)),
                kpj: try KPJ(String(format: "9%010d", n)),
                name: "Peserta \(n)",
                branchID: "BDG-SUCI",
                dataUpdateCompletedAt: now,
                today: LocalDate(now, in: .wib)
            )
            let membership = Membership(
                status: .inactive,
                employerName: "PT Contoh",
                memberSince: try LocalDate("2015-01-01"),
                endOfWorkDate: try LocalDate("2026-06-30"),
                balance: 5_000_000
            )
            try await store.save(account: ParticipantAccount(participant: participant, membership: membership))
            let claim = Claim(
                id: .init(UUID()),
                participantID: id,
                branchID: "BDG-SUCI",
                reason: .resignation,
                channel: .app,
                createdAt: now
            )
            let ticket = FallbackTicket(id: FallbackTicket.id(forClaim: claim.id), participantID: id, claimID: claim.id, openedAt: now)
            let writes = [try SyncRecord.make(claim, clock: clock, tag: "seed"), try SyncRecord.make(ticket, clock: clock, tag: "seed")]
            #expect(try await store.seed(writes, into: .participant(id.rawValue.uuidString)) != nil)
            let principal = Principal(kind: .participant, id: id.rawValue, deviceID: DeviceID("load-phone-\(n)"))
            seeded.append(Seeded(ticket: ticket.id, token: try tokens.accessToken(for: principal, family: UUID(), now: now)))
        }
        return seeded
    }

    @Test func aThousandConcurrentRequestsForTheLastFivePlacesBookExactlyFive() async throws {
        var configured = try TestServer()
        configured.now = { [now] in now }
        let server = configured
        try await server.app().test(.router) { client in
            let people = try await seed(1_095, into: server)
            let body = ["kind": "branchVisit", "date": "2026-12-22"]
            for person in people.prefix(95) {
                #expect(try await client.book(person.ticket, body, token: person.token).status == .created)
            }

            let answers = try await withThrowingTaskGroup(of: (status: HTTPResponse.Status, code: String?, next: String?).self) { group in
                for person in people.dropFirst(95) {
                    group.addTask {
                        let response = try await client.book(person.ticket, body, token: person.token)
                        let problem = try? JSON.object(response.body)
                        return (response.status, problem?["code"] as? String, problem?["nextFreeDate"] as? String)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 1_000)
            #expect(answers.filter { $0.status == .created }.count == 5, "exactly the places left")
            let refused = answers.filter { $0.status != .created }
            #expect(refused.count == 995)
            #expect(refused.allSatisfy { $0.status == .conflict && $0.code == "appointment.full" && $0.next == "2026-12-23" })

            let day = try await server.store.appointments(branchID: "BDG-SUCI", on: When.day("2026-12-22"))
            #expect(day.count == 100, "never more than the daily quota")
            #expect(day.map(\.queueNumber) == Array(1...100))
            let availability = try JSON.object(
                try await client.call("/v1/fallback/availability?kind=branchVisit&from=2026-12-22&days=2", token: people[0].token).body
            )
            let days = try #require(availability["days"] as? [[String: Any]])
            #expect(days[0]["booked"] as? Int == 100 && days[0]["free"] as? Int == 0)
            #expect(days[1]["free"] as? Int == 100)
        }
    }
}
