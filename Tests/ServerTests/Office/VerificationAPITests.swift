import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// The back office checks identity against the civil registry (a fake that reports NIK, name
/// and birth-date mismatches) and the amount against the ledger balance.
@Suite("Verification by the back office")
struct VerificationAPITests {
    /// A claim of `person`'s through the document check, and the back office's answer to verify.
    func verify(
        _ person: ParticipantAccount,
        reason: ClaimReason,
        server: OfficeTestServer,
        cso: String = "1001",
        backOffice: String = "1002",
        before: (@Sendable () async throws -> Void)? = nil
    ) async throws -> (claim: UUID, status: HTTPResponse.Status, json: [String: Any], backOfficeToken: String) {
        let (claim, status, body, token) = try await server.app().test(.router) { client in
            var phone = try await client.phone(
                person,
                device: "phone-\(person.participant.kpj.rawValue)",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let account = TestAccounts.bca(person.participant.name)
            let claim = try await phone.submitClaim(reason, bankAccount: account, client: client, clock: server.clock)
            try await client.checkIdentityInPerson(claim, phone: phone, server: server)
            let officers = try await client.officers([cso, backOffice], inbox: server.inbox)
            #expect(try await client.office("documents-complete", claim: claim, token: officers[cso]!).status == .ok)
            try await before?()
            let (status, json) = try await client.office("verify", claim: claim, token: officers[backOffice]!)
            return (claim, status, try JSONSerialization.data(withJSONObject: json), officers[backOffice]!)
        }
        return (claim, status, try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:], token)
    }

    func findings(_ json: [String: Any]) -> [String: Bool] {
        Dictionary(
            uniqueKeysWithValues: (json["findings"] as? [[String: Any]] ?? []).compactMap { finding in
                (finding["check"] as? String).map { ($0, finding["matches"] as? Bool ?? false) }
            }
        )
    }

    @Test func aMatchingIdentityAndBalanceVerifyTheClaim() async throws {
        let server = try OfficeTestServer()
        let (claim, status, json, _) = try await verify(Demo.person("Siti Rahayu"), reason: .resignation, server: server)
        #expect(status == .ok)
        #expect(json["verified"] as? Bool == true)
        #expect(findings(json) == ["nik": true, "name": true, "birthDate": true, "balance": true])
        #expect(try await server.storedClaim(claim).status == .verified)
    }

    @Test func aNameMismatchKeepsTheClaimAndIsAudited() async throws {
        let server = try OfficeTestServer()
        let joko = Demo.person("Joko Susilo")
        let (claim, status, json, _) = try await verify(joko, reason: .permanentDisability, server: server)
        #expect(status == .ok)
        #expect(json["verified"] as? Bool == false)
        #expect(findings(json) == ["nik": true, "name": false, "birthDate": true, "balance": true])
        let detail = try #require((json["findings"] as? [[String: Any]])?.first { $0["check"] as? String == "name" }?["detail"] as? String)
        #expect(detail.contains("DJOKO SUSILO"))
        #expect(try await server.storedClaim(claim).status == .documentsChecked, "the claim stays with the back office")
        let entry = try #require(try await server.store.auditTrail(of: Claim.ID(claim)).last)
        #expect(entry.event == "checkIdentity")
        #expect(entry.causes == ["identity.nameMismatch"])
        #expect(entry.from == .documentsChecked && entry.to == .documentsChecked)
        #expect(entry.actor.name == "Yusuf Maulana")
    }

    @Test func aBirthDateMismatchIsFoundInMakassarToo() async throws {
        let server = try OfficeTestServer()
        let andi = Demo.person("Andi Pratama")
        let (claim, _, json, _) = try await verify(andi, reason: .resignation, server: server, cso: "2001", backOffice: "2002")
        #expect(findings(json) == ["nik": true, "name": true, "birthDate": false, "balance": true])
        #expect(try await server.store.auditTrail(of: Claim.ID(claim)).last?.causes == ["identity.birthDateMismatch"])
    }

    @Test func anNIKTheRegistryDoesNotKnowIsAMismatch() async throws {
        let server = try OfficeTestServer(registry: FakeCivilRegistry(records: []))
        let (claim, _, json, _) = try await verify(Demo.person("Siti Rahayu"), reason: .resignation, server: server)
        #expect(json["verified"] as? Bool == false)
        #expect(findings(json) == ["nik": false, "balance": true])
        #expect(try await server.storedClaim(claim).status == .documentsChecked)
    }

    @Test func aLedgerBalanceThatMovedSinceSubmissionIsABalanceMismatch() async throws {
        let server = try OfficeTestServer()
        let siti = Demo.person("Siti Rahayu")
        let store = server.store
        let (claim, _, json, _) = try await verify(siti, reason: .resignation, server: server) {
            try await store.post(600_000, to: siti.participant.id)
        }
        #expect(findings(json)["balance"] == false)
        #expect(try await server.store.auditTrail(of: Claim.ID(claim)).last?.causes == ["balance.mismatch"])
    }

    @Test func anUnreachableRegistryIsATransientProblemAndChangesNothing() async throws {
        let server = try OfficeTestServer(registry: UnconfiguredCivilRegistry())
        let (claim, status, json, _) = try await verify(Demo.person("Siti Rahayu"), reason: .resignation, server: server)
        #expect(status == .serviceUnavailable)
        #expect(json["code"] as? String == "office.adapterUnavailable")
        #expect(try await server.storedClaim(claim).status == .documentsChecked)
        #expect(try await server.store.auditTrail(of: Claim.ID(claim)).map(\.event) == ["submit", "confirmDocumentsComplete"])
    }

    @Test func afterAMismatchTheBackOfficeRejectsAndThePhoneIsTold() async throws {
        let server = try OfficeTestServer()
        let joko = Demo.person("Joko Susilo")
        let (claim, _, _, token) = try await verify(joko, reason: .permanentDisability, server: server)
        try await server.app().test(.router) { client in
            let (status, json) = try await client.office(
                "reject",
                claim: claim,
                token: token,
                body: [
                    "cause": "identityMismatch",
                    "reason": "Your name differs from the civil registry (DJOKO SUSILO). Update your data at the branch.",
                ]
            )
            #expect(status == .ok, "\(json)")
        }
        #expect(try await server.storedClaim(claim).status == .rejected)
        let notice = try #require(try await server.notifications(of: joko, claim: claim).last)
        #expect(notice.body.contains("Update your data at the branch"))
    }
}
