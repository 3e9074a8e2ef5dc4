import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Finance pays through the bank (a fake that refuses inactive accounts, holder-name
/// mismatches and unknown numbers); a refusal asks the participant for another account.
@Suite("Payment by finance")
struct PaymentAPITests {
    let maria = Demo.person("Maria Simanjuntak")
    let siti = Demo.person("Siti Rahayu")

    @Test func anInactiveAccountFailsThePaymentAndANewAccountGetsItPaid() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let dormant = try BankAccount(bank: .bni, number: "0987654321", holderName: "Maria Simanjuntak")
            var (claim, phone, officers) = try await client.approvedClaim(
                maria,
                .leavingIndonesia,
                account: dormant,
                server: server
            )
            let (status, json) = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(status == .ok)
            #expect(json["paid"] as? Bool == false)
            #expect(json["failureCause"] as? String == "inactiveAccount")
            var stored = try await server.storedClaim(claim)
            #expect(stored.status == .paymentFailed)
            #expect(stored.stage == .pembayaranKlaim)
            #expect(stored.problem?.contains("inactive") == true)
            #expect(server.fakeBank.completedTransfers.isEmpty)

            // The phone is told the cause, asked for another account and given a new date.
            let notice = try #require(try await server.notifications(of: maria, claim: claim).last)
            #expect(notice.kind == .paymentFailed)
            #expect(notice.body.contains("BNI ******4321"))
            #expect(notice.body.contains("inactive"))
            #expect(notice.body.contains("Give another active account in your own name"))
            #expect(notice.estimatedPaymentDate != nil)
            #expect(!notice.body.contains("0987654321"), "the full account number is not repeated")
            let failure = try #require(try await server.store.auditTrail(of: Claim.ID(claim)).last)
            #expect(failure.event == "recordPaymentFailure")
            #expect(failure.causes == ["payment.inactiveAccount"])

            // Maria gives another account; the claim is back with finance and gets paid.
            let fresh = try BankAccount(bank: .bri, number: "002101234567890", holderName: "MARIA SIMANJUNTAK")
            let outcome = try await phone.intent(
                .provideNewBankAccount,
                ["bankAccount": try JSONValue(encoding: fresh)],
                record: Claim.key(claim),
                client: client,
                clock: server.clock
            )
            #expect(outcome == .applied)
            stored = try await server.storedClaim(claim)
            #expect(stored.status == .approved)
            #expect(stored.problem == nil)
            let retry = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(retry.json["paid"] as? Bool == true)
            #expect(try await server.storedClaim(claim).status == .paid)
            #expect(server.fakeBank.completedTransfers.map(\.account) == [fresh])
            let events = try await server.store.auditTrail(of: Claim.ID(claim)).map(\.event)
            #expect(events.suffix(3) == ["recordPaymentFailure", "provideNewBankAccount", "recordPayment"])
        }
    }

    @Test func anAccountHeldBySomeoneElseFailsWithAHolderMismatch() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            // A mistyped number: BCA 1112223334 belongs to Susanti Wijaya.
            let typo = try BankAccount(bank: .bca, number: "1112223334", holderName: "Siti Rahayu")
            let (claim, _, officers) = try await client.approvedClaim(siti, .resignation, account: typo, server: server)
            let (_, json) = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(json["failureCause"] as? String == "holderNameMismatch")
            let notice = try #require(try await server.notifications(of: siti, claim: claim).last)
            #expect(notice.body.contains("mistyped"))
        }
    }

    @Test func anUnknownAccountNumberFails() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let unknown = try BankAccount(bank: .bri, number: "002199999999999", holderName: "Siti Rahayu")
            let (claim, _, officers) = try await client.approvedClaim(siti, .resignation, account: unknown, server: server)
            let (_, json) = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(json["failureCause"] as? String == "accountNotFound")
            #expect(try await server.storedClaim(claim).status == .paymentFailed)
        }
    }

    @Test func anUnreachableBankIsATransientProblemAndNothingIsPaid() async throws {
        let server = try OfficeTestServer(bank: UnconfiguredBankGateway())
        try await server.app().test(.router) { client in
            let (claim, _, officers) = try await client.approvedClaim(
                siti,
                .resignation,
                account: TestAccounts.bca("Siti Rahayu"),
                server: server
            )
            let (status, json) = try await client.office("pay", claim: claim, token: officers["1004"]!)
            #expect(status == .serviceUnavailable)
            #expect(json["code"] as? String == "office.adapterUnavailable")
            #expect(try await server.storedClaim(claim).status == .approved)
            #expect(try await server.store.auditTrail(of: Claim.ID(claim)).last?.event == "approve")
        }
    }
}
