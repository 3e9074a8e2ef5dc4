import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Officers of the wrong role, of another branch, or the same officer twice under four-eyes
/// get a problem response, and nothing changes: not the claim, not the audit log, not the
/// participant's bucket.
@Suite("Office denials")
struct OfficeDenialTests {
    let siti = Demo.person("Siti Rahayu")

    /// A claim of Siti's brought to `status` by Bandung's officers.
    func claim(at status: ClaimStatus, client: some TestClientProtocol, server: OfficeTestServer) async throws -> (UUID, [String: String]) {
        var phone = try await client.phone(siti, device: "siti-phone-1", inbox: server.inbox, clock: server.clock, uploads: server.store)
        let claim = try await phone.submitClaim(
            .resignation,
            bankAccount: TestAccounts.bca("Siti Rahayu"),
            client: client,
            clock: server.clock
        )
        let officers = try await client.officers(
            ["1001", "1002", "1003", "1004", "1005", "2001", "2002", "2003", "2004"],
            inbox: server.inbox
        )
        let path: [(String, String, ClaimStatus)] = [
            ("documents-complete", "1001", .documentsChecked), ("verify", "1002", .verified), ("approve", "1003", .approved),
        ]
        for (step, officer, reached) in path where status != .submitted {
            #expect(try await client.office(step, claim: claim, token: officers[officer]!).status == .ok)
            if reached == status { break }
        }
        #expect(try await server.storedClaim(claim).status == status)
        return (claim, officers)
    }

    /// Runs `attempt` and checks it was refused with `status` and `code` and changed nothing.
    func expectRefused(
        _ status: HTTPResponse.Status,
        _ code: String,
        claim: UUID,
        server: OfficeTestServer,
        _ attempt: () async throws -> (status: HTTPResponse.Status, json: [String: Any])
    ) async throws {
        let before = try await server.store.snapshot(of: .participant(siti.participant.id.rawValue.uuidString))
        let audit = try await server.store.auditTrail(of: Claim.ID(claim))
        let transfers = server.fakeBank.completedTransfers.count
        let (answer, problem) = try await attempt()
        #expect(answer == status, "\(problem)")
        #expect(problem["code"] as? String == code)
        #expect(problem["title"] is String && problem["type"] is String, "an RFC 9457 problem")
        let after = try await server.store.snapshot(of: .participant(siti.participant.id.rawValue.uuidString))
        #expect(after.version == before.version, "the bucket did not move")
        #expect(after.records == before.records)
        #expect(try await server.store.auditTrail(of: Claim.ID(claim)) == audit, "the audit log did not grow")
        #expect(server.fakeBank.completedTransfers.count == transfers, "no money moved")
    }

    @Test(arguments: [
        (ClaimStatus.submitted, "documents-complete", "1002", "workflow.roleRequired"),
        (.submitted, "correction", "1003", "workflow.roleRequired"),
        (.submitted, "reject", "1004", "workflow.roleRequired"),
        (.documentsChecked, "verify", "1001", "workflow.roleRequired"),
        (.documentsChecked, "reject", "1001", "workflow.roleRequired"),
        (.verified, "approve", "1002", "workflow.roleRequired"),
        (.verified, "return", "1004", "workflow.roleRequired"),
        (.verified, "reject", "1002", "workflow.roleRequired"),
        (.approved, "pay", "1003", "workflow.roleRequired"),
        (.submitted, "documents-complete", "2001", "workflow.otherBranch"),
        (.documentsChecked, "verify", "2002", "workflow.otherBranch"),
        (.verified, "approve", "2003", "workflow.otherBranch"),
        (.approved, "pay", "2004", "workflow.otherBranch"),
    ])
    func theWrongRoleOrAnotherBranchIsRefused(status: ClaimStatus, path: String, officer: String, code: String) async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, officers) = try await claim(at: status, client: client, server: server)
            let body: [String: Any]? =
                switch path {
                case "correction": ["items": [["document": "idCard", "reason": "Blurred"]]]
                case "reject": ["cause": "other", "reason": "Not allowed"]
                case "return": ["reason": "Check again"]
                default: nil
                }
            try await expectRefused(.forbidden, code, claim: claim, server: server) {
                try await client.office(path, claim: claim, token: officers[officer]!, body: body)
            }
        }
    }

    @Test func anOfficerOfAnotherBranchCannotReadTheClaim() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, officers) = try await claim(at: .submitted, client: client, server: server)
            let (status, problem) = try await client.office("", claim: claim, token: officers["2001"]!)
            #expect(status == .forbidden)
            #expect(problem["code"] as? String == "workflow.otherBranch")
            #expect(problem["claim"] == nil)
            let worklist = try await client.officeGet("/v1/office/worklist", token: officers["2001"]!).json
            #expect((worklist["items"] as? [Any])?.isEmpty == true, "Makassar's worklist has no Bandung claims")
        }
    }

    @Test func whoeverCheckedTheDocumentsCannotApprove() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, officers) = try await claim(at: .submitted, client: client, server: server)
            // Wawan (1005) holds CSO and head of service: he checks, so he may not approve.
            #expect(try await client.office("documents-complete", claim: claim, token: officers["1005"]!).status == .ok)
            #expect(try await client.office("verify", claim: claim, token: officers["1002"]!).status == .ok)
            try await expectRefused(.forbidden, "workflow.fourEyes", claim: claim, server: server) {
                try await client.office("approve", claim: claim, token: officers["1005"]!)
            }
            // Another head of service may.
            #expect(try await client.office("approve", claim: claim, token: officers["1003"]!).status == .ok)
        }
    }

    @Test func whoeverApprovedCannotPay() async throws {
        let server = try OfficeTestServer()
        // An officer who is head of service and finance: allowed both roles, never on one claim.
        let both = Officer(
            id: Officer.ID(UUID()),
            name: "Dua Peran",
            employeeNumber: "1099",
            branchID: DemoData.bandung.id,
            roles: [.headOfService, .finance],
            phone: try PhoneNumber("+628110001099")
        )
        try await server.app().test(.router) { client in
            try await server.store.save(officer: both)
            let (claim, officers) = try await claim(at: .verified, client: client, server: server)
            let token = try await client.signIn(officer: both, device: "counter-1099", inbox: server.inbox).access
            #expect(try await client.office("approve", claim: claim, token: token).status == .ok)
            try await expectRefused(.forbidden, "workflow.fourEyes", claim: claim, server: server) {
                try await client.office("pay", claim: claim, token: token)
            }
            #expect(try await client.office("pay", claim: claim, token: officers["1004"]!).status == .ok)
        }
    }

    @Test func aStepOutOfOrderIsAConflict() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, officers) = try await claim(at: .submitted, client: client, server: server)
            try await expectRefused(.conflict, "workflow.invalidTransition", claim: claim, server: server) {
                try await client.office("approve", claim: claim, token: officers["1003"]!)
            }
            try await expectRefused(.conflict, "workflow.invalidTransition", claim: claim, server: server) {
                try await client.office("pay", claim: claim, token: officers["1004"]!)
            }
        }
    }

    @Test func badInputIsAProblemAndChangesNothing() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, officers) = try await claim(at: .verified, client: client, server: server)
            let cso = officers["1001"]!
            let head = officers["1003"]!
            try await expectRefused(.badRequest, "workflow.invalidInput", claim: claim, server: server) {
                try await client.office("correction", claim: claim, token: cso, body: ["items": [Any]()])
            }
            try await expectRefused(.badRequest, "correction.item", claim: claim, server: server) {
                try await client.office("correction", claim: claim, token: cso, body: ["items": [["document": "idCard", "reason": "  "]]])
            }
            try await expectRefused(.badRequest, "correction.item", claim: claim, server: server) {
                try await client.office("correction", claim: claim, token: cso, body: ["items": [["reason": "Something"]]])
            }
            try await expectRefused(.badRequest, "request.invalid", claim: claim, server: server) {
                try await client.office(
                    "correction",
                    claim: claim,
                    token: cso,
                    body: ["items": [["document": "photoOfCat", "reason": "x"]]]
                )
            }
            try await expectRefused(.badRequest, "reason.required", claim: claim, server: server) {
                try await client.office("return", claim: claim, token: head, body: ["reason": "   "])
            }
            try await expectRefused(.badRequest, "request.invalid", claim: claim, server: server) {
                try await client.office("reject", claim: claim, token: head, body: ["cause": "becauseISaidSo", "reason": "No"])
            }
            try await expectRefused(.badRequest, "reason.required", claim: claim, server: server) {
                try await client.office(
                    "reject",
                    claim: claim,
                    token: head,
                    body: ["cause": "other", "reason": String(repeating: "x", count: 1001)]
                )
            }
            let (status, problem) = try await client.execute(
                uri: "/v1/office/claims/not-a-claim/approve",
                method: .post,
                headers: .bearer(head)
            ) { (response: TestResponse) throws in (response.status, try JSON.object(response.body)) }
            #expect(status == .badRequest)
            #expect(problem["code"] as? String == "claimId.format")
            let unknown = try await client.office("approve", claim: UUID(), token: head)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["code"] as? String == "claim.notFound")
        }
    }

    @Test func aDraftIsTheParticipantsAloneAndUnknownToTheOffice() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let draft = UUID()
            let created = try await phone.intent(
                .createClaimDraft,
                ["reason": "resignation"],
                record: Claim.key(draft),
                client: client,
                clock: server.clock
            )
            #expect(created == .applied)
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            try await expectRefused(.notFound, "claim.notFound", claim: draft, server: server) {
                try await client.office("", claim: draft, token: cso)
            }
            try await expectRefused(.notFound, "claim.notFound", claim: draft, server: server) {
                try await client.office("documents-complete", claim: draft, token: cso)
            }
        }
    }

    @Test func participantsAndStrangersCannotUseOfficerRoutes() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (claim, _) = try await claim(at: .submitted, client: client, server: server)
            let participant = try await client.signIn(siti, device: "siti-phone-2", inbox: server.inbox).access
            try await expectRefused(.forbidden, "auth.officerOnly", claim: claim, server: server) {
                try await client.office("documents-complete", claim: claim, token: participant)
            }
            try await expectRefused(.unauthorized, "auth.required", claim: claim, server: server) {
                try await client.execute(uri: "/v1/office/claims/\(claim.uuidString)/documents-complete", method: .post) {
                    (response: TestResponse) throws in (response.status, try JSON.object(response.body))
                }
            }
            let worklist = try await client.officeGet("/v1/office/worklist", token: participant)
            #expect(worklist.status == .forbidden)
        }
    }

    @Test func anOfficerOpensOnlyTheWorklistsOfTheirOwnRoles() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let (_, officers) = try await claim(at: .submitted, client: client, server: server)
            let denied = try await client.officeGet("/v1/office/worklist?role=finance", token: officers["1001"]!)
            #expect(denied.status == .forbidden)
            #expect(denied.json["code"] as? String == "office.roleNotHeld")
            let bad = try await client.officeGet("/v1/office/worklist?role=janitor", token: officers["1001"]!)
            #expect(bad.status == .badRequest)
            let own = try await client.officeGet("/v1/office/worklist?role=cso", token: officers["1001"]!)
            #expect(own.status == .ok)
            #expect((own.json["items"] as? [Any])?.count == 1)
        }
    }
}
