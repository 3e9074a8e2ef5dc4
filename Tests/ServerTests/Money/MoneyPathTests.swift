import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Right amount, over HTTP, on every store: a balance is the ledger's, a claim is paid once
/// (two finance officers at the same instant move money once and debit once), a payment the
/// balance no longer covers is refused before any money moves, one claim is in the office at a
/// time (two phones submitting at once file one), an episode is paid once, and a partial claim
/// is taken once and reduces the balance by what it paid.
@Suite("The money path")
struct MoneyPathTests {
    let siti = Demo.person("Siti Rahayu")
    let dewi = Demo.person("Dewi Lestari")

    func server(_ factory: StoreFactory) async throws -> OfficeTestServer {
        try OfficeTestServer(store: try await factory.make())
    }

    /// Submits a ready draft and returns the refusal; records an issue when it was accepted.
    func submitRefused(
        _ claim: UUID,
        phone: inout OfficePhone,
        client: some TestClientProtocol,
        clock: TestClock
    ) async throws -> Rejection? {
        let outcome = try await phone.intent(.submitClaim, [:], record: Claim.key(claim), client: client, clock: clock)
        guard case .rejected(let rejection) = outcome else {
            Issue.record("the submission was accepted: \(outcome)")
            return nil
        }
        return rejection
    }

    func me(_ client: some TestClientProtocol, _ token: String) async throws -> [String: Any] {
        try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(token)) { response in
            #expect(response.status == .ok)
            return try JSON.object(response.body)
        }
    }

    func eligible(_ me: [String: Any], _ reason: ClaimReason) -> [String] {
        let option = (me["reasons"] as? [[String: Any]])?.first { $0["reason"] as? String == reason.rawValue }
        return (option?["problems"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? ["missing"]
    }

    @Test(arguments: StoreFactory.allCases)
    func aClaimIsPaidOnceEvenByTwoFinanceOfficersAtTheSameInstant(_ factory: StoreFactory) async throws {
        let server = try await server(factory)
        try await server.app().test(.router) { client in
            let (claim, sitisPhone, officers) = try await client.approvedClaim(siti, .resignation, server: server)
            var phone = sitisPhone
            let (finance, otherFinance) = (officers["1004"]!, officers["1006"]!)
            async let first = client.office("pay", claim: claim, token: finance)
            async let second = client.office("pay", claim: claim, token: otherFinance)
            let answers = try await [first, second]
            #expect(answers.filter { $0.status == .ok && $0.json["paid"] as? Bool == true }.count == 1, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == .conflict }.count == 1, "\(answers.map(\.json))")
            #expect(server.fakeBank.completedTransfers.count == 1, "money moved once")

            let stored = try await server.storedClaim(claim)
            #expect(stored.status == .paid)
            let ledger = try await server.store.ledger(of: siti.participant.id)
            #expect(ledger.entries.filter { $0.paidClaim == Claim.ID(claim) }.map(\.amount) == [Rupiah(0) - stored.grossAmount])
            #expect(ledger.balance == siti.membership.balance - stored.grossAmount)

            // The participant sees the ledger's balance, and the episode is closed.
            try await phone.signInAgain(client: client, inbox: server.inbox)
            let after = try await me(client, phone.tokens.access)
            #expect((after["membership"] as? [String: Any])?["balance"] as? Int == Int(ledger.balance.amount))
            #expect(eligible(after, .resignation).contains("eligibility.episodePaid"))
            let synced = try await client.pull(token: phone.tokens.access).changes.first { $0.record.key.type == "membership" }
            #expect(try #require(synced).record.decode(as: MembershipStatement.self).balance == ledger.balance)

            // A second claim for the same episode is refused at submit, with the reason.
            let again = try await phone.draftClaim(
                .resignation,
                bankAccount: TestAccounts.bca(siti.participant.name),
                client: client,
                clock: server.clock
            )
            let rejection = try await submitRefused(again, phone: &phone, client: client, clock: server.clock)
            #expect(rejection?.message.contains("already been paid") == true, "\(String(describing: rejection))")
            #expect(try await server.storedClaim(again).status == .draft)
        }
    }

    @Test(arguments: StoreFactory.allCases)
    func aPaymentTheBalanceNoLongerCoversIsRefusedBeforeMoneyMoves(_ factory: StoreFactory) async throws {
        let server = try await server(factory)
        try await server.app().test(.router) { client in
            let (claim, _, officers) = try await client.approvedClaim(siti, .resignation, server: server)
            // A batch with a posting that does not fit the contract is refused whole: nothing posted.
            let malformed: [String: Any] = [
                "postings": [
                    [
                        "id": UUID().uuidString, "participantId": siti.participant.id.rawValue.uuidString,
                        "amount": -2_000_000, "source": ["kind": "correction", "reason": "reversed"],
                    ],
                    [
                        "id": "posting-2", "participantId": siti.participant.id.rawValue.uuidString, "amount": 5,
                        "source": ["kind": "returns", "year": 2026],
                    ],
                ]
            ]
            try await client.execute(
                uri: "/v1/office/ledger/postings",
                method: .post,
                headers: .bearer(officers["1004"]!),
                body: JSON.body(malformed)
            ) { response in
                #expect(response.status == .badRequest)
                let errors = try #require(try JSON.object(response.body)["errors"] as? [[String: Any]])
                #expect(errors.first?["field"] as? String == "postings[1].id")
                #expect(errors.first?["code"] as? String == "id.format")
            }
            #expect(try await server.store.ledger(of: siti.participant.id).balance == siti.membership.balance, "nothing was posted")
            // The employer's report is reversed: finance posts the correction.
            let posting: [String: Any] = [
                "postings": [
                    [
                        "id": UUID().uuidString, "participantId": siti.participant.id.rawValue.uuidString.lowercased(),
                        "amount": -2_000_000,
                        "source": ["kind": "correction", "reason": "employer report for 2026-08 reversed"],
                    ]
                ]
            ]
            let posted = try await client.execute(
                uri: "/v1/office/ledger/postings",
                method: .post,
                headers: .bearer(officers["1004"]!),
                body: JSON.body(posting)
            ) {
                response in
                #expect(response.status == .ok)
                return try JSON.object(response.body)
            }
            #expect((posted["results"] as? [[String: Any]])?.first?["status"] as? String == "posted")
            let answer = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(answer.status == .conflict)
            #expect(answer.json["code"] as? String == "claim.balanceInsufficient")
            #expect(server.fakeBank.completedTransfers.isEmpty, "no money moved")
            #expect(try await server.storedClaim(claim).status == .approved)
            #expect(try await server.store.ledger(of: siti.participant.id).balance == siti.membership.balance - 2_000_000)
        }
    }

    @Test(arguments: StoreFactory.allCases)
    func twoPhonesSubmittingAtOnceFileOneClaim(_ factory: StoreFactory) async throws {
        let server = try await server(factory)
        try await server.app().test(.router) { client in
            var phoneA = try await client.phone(
                siti,
                device: "siti-phone-a",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            var phoneB = try await client.phone(
                siti,
                device: "siti-phone-b",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let account = TestAccounts.bca(siti.participant.name)
            let claimA = try await phoneA.draftClaim(.resignation, bankAccount: account, client: client, clock: server.clock)
            let claimB = try await phoneB.draftClaim(.resignation, bankAccount: account, client: client, clock: server.clock)
            let (submitA, submitB) = (
                phoneA.device.intent(.submitClaim, [:], record: Claim.key(claimA)),
                phoneB.device.intent(.submitClaim, [:], record: Claim.key(claimB))
            )
            async let a = client.push([submitA], device: phoneA.device.id, token: phoneA.tokens.access)
            async let b = client.push([submitB], device: phoneB.device.id, token: phoneB.tokens.access)
            let outcomes = try await [a, b].map { try #require($0.results.first).outcome }
            #expect(outcomes.filter { $0 == .applied }.count == 1, "\(outcomes)")
            let refused = outcomes.compactMap { outcome -> Rejection? in if case .rejected(let r) = outcome { r } else { nil } }
            #expect(refused.count == 1)
            #expect(refused.first?.message.contains("claim in process") == true, "\(refused)")
            let statuses = [try await server.storedClaim(claimA).status, try await server.storedClaim(claimB).status]
            #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.draft, .submitted])
        }
    }

    @Test(arguments: StoreFactory.allCases)
    func aPartialClaimIsTakenOnceAndReducesTheBalanceByWhatItPaid(_ factory: StoreFactory) async throws {
        let server = try await server(factory)
        try await server.app().test(.router) { client in
            let (claim, dewisPhone, officers) = try await client.approvedClaim(dewi, .partial10, server: server)
            var phone = dewisPhone
            let paid = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(paid.status == .ok)
            let gross = try await server.storedClaim(claim).grossAmount
            #expect(gross == dewi.membership.balance.fraction(10, over: 100))
            #expect(try await server.store.ledger(of: dewi.participant.id).balance == dewi.membership.balance - gross)

            try await phone.signInAgain(client: client, inbox: server.inbox)
            let after = try await me(client, phone.tokens.access)
            #expect(eligible(after, .partial30).contains("eligibility.partialTaken"))
            #expect(eligible(after, .partial10).contains("eligibility.partialTaken"))
            let second = try await phone.draftClaim(
                .partial30,
                bankAccount: TestAccounts.bca(dewi.participant.name),
                client: client,
                clock: server.clock
            )
            let rejection = try await submitRefused(second, phone: &phone, client: client, clock: server.clock)
            #expect(rejection?.message.contains("partial claim can be taken once") == true, "\(String(describing: rejection))")
        }
    }
}
