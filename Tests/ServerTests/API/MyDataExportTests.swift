import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Testing

@testable import Server

/// The right of access: `GET /v1/me/export` gives a participant everything the service keeps
/// about them, and only that, never to be cached.
@Suite("My data export")
struct MyDataExportTests {
    @Test func aParticipantGetsTheirOwnDataAndNobodyElses() async throws {
        let server = try OfficeTestServer()
        let siti = Demo.person("Siti Rahayu")
        let budi = Demo.person("Budi Santoso")
        try await server.app().test(.router) { client in
            var sitiPhone = try await client.phone(
                siti,
                device: "siti-export",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await sitiPhone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu", "5550001111"),
                client: client,
                clock: server.clock
            )
            let scan = SampleFile.make(.jpeg, size: 2_000)
            let location = try await client.uploadDocument(scan, kind: .idCard, claimID: claim, token: sitiPhone.tokens.access)
            var budiPhone = try await client.phone(
                budi,
                device: "budi-export",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            _ = try await budiPhone.draftClaim(
                .termination,
                bankAccount: TestAccounts.bca("Budi Santoso", "5550002222"),
                client: client,
                clock: server.clock
            )

            try await client.execute(uri: "/v1/me/export", method: .get, headers: .bearer(sitiPhone.tokens.access)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                let text = String(buffer: response.body)
                let export = try JSON.object(response.body)
                let participant = try #require(export["participant"] as? [String: Any])
                #expect(participant["nik"] as? String == siti.participant.nik.rawValue)
                let claims = try #require(export["claims"] as? [[String: Any]])
                #expect(claims.map { $0["id"] as? String } == [claim.uuidString])
                let bank = try #require(claims.first?["bankAccount"] as? [String: Any])
                #expect(bank["number"] as? String == "5550001111", "the export carries the full account number: it is hers")
                let ledger = try #require(export["ledger"] as? [[String: Any]])
                #expect(ledger.count == 1, "the opening balance")
                let documents = try #require(export["documents"] as? [[String: Any]])
                #expect(documents.contains { $0["uploadID"] as? String == uploadID(location).uuidString })
                #expect(documents.count > 1, "the claim's documents and the scan")
                for key in ["tickets", "appointments", "notifications", "surveys", "biometricAttempts"] {
                    #expect(export[key] is [Any], "\(key)")
                }
                for other in [budi.participant.nik.rawValue, budi.participant.kpj.rawValue, budi.participant.name, "5550002222"] {
                    #expect(!text.contains(other), "nothing of Budi's")
                }
            }

            try await client.execute(uri: "/v1/me/export", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            try await client.execute(uri: "/v1/me/export", method: .get, headers: .bearer(cso)) { response in
                #expect(response.status == .forbidden, "an officer has no participant data of their own here")
            }
        }
    }
}
