import Foundation
import Models
import Testing

@testable import Server

/// The fakes of systems outside our walls, the identity checks, and the staff cookie.
@Suite("Office adapters, checks and cookie")
struct AdapterAndCookieTests {
    func order(_ account: BankAccount, key: String = "claim-1") -> TransferOrder {
        TransferOrder(idempotencyKey: key, account: account, amount: 8_500_000, reference: "JHT test")
    }

    @Test func theFakeBankRefusesAsBanksDoAndNeverPaysTwice() async throws {
        let bank = DemoData.bank()
        let dormant = try BankAccount(bank: .bni, number: "0987654321", holderName: "Maria Simanjuntak")
        let typo = try BankAccount(bank: .bca, number: "1112223334", holderName: "Siti Rahayu")
        let owner = try BankAccount(bank: .bca, number: "1112223334", holderName: "susanti  wijaya.")
        let unknown = try BankAccount(bank: .bri, number: "002199999999999", holderName: "Siti Rahayu")
        let fine = try BankAccount(bank: .mandiri, number: "1234567890123", holderName: "Siti Rahayu")
        #expect(try await bank.transfer(order(dormant, key: "a")) == .failed(.inactiveAccount))
        #expect(try await bank.transfer(order(typo, key: "b")) == .failed(.holderNameMismatch))
        #expect(try await bank.transfer(order(owner, key: "c")) == .completed(transferID: "TRF-c"))
        #expect(try await bank.transfer(order(unknown, key: "d")) == .failed(.accountNotFound))
        #expect(try await bank.transfer(order(fine, key: "e")) == .completed(transferID: "TRF-e"))
        // A retried order is answered from the first outcome: no second transfer.
        #expect(try await bank.transfer(order(fine, key: "e")) == .completed(transferID: "TRF-e"))
        #expect(bank.completedTransfers.map(\.idempotencyKey) == ["c", "e"])
        await #expect(throws: AdapterUnavailable.self) { try await UnconfiguredBankGateway().transfer(order(fine)) }
    }

    @Test func identityChecksCompareNamesAsTheRegistryDoes() throws {
        let siti = DemoData.people[0].account.participant
        var claim = Claim(
            id: .init(UUID()),
            participantID: siti.id,
            branchID: siti.branchID,
            reason: .resignation,
            channel: .app,
            createdAt: Date()
        )
        claim.grossAmount = 8_500_000
        let record = CivilRegistryRecord(nik: siti.nik, name: "SITI  RAHAYU", birthDate: siti.birthDate)
        let all = Verification.findings(participant: siti, registry: record, claim: claim, expectedGross: 8_500_000)
        #expect(all.allSatisfy { $0.matches })
        #expect(all.map(\.check) == [.nik, .name, .birthDate, .balance])
        var other = record
        other.name = "SITI RAHAYUNINGSIH"
        other.birthDate = siti.birthDate.adding(days: -1)
        let mismatches = Verification.findings(participant: siti, registry: other, claim: claim, expectedGross: 9_000_000).filter {
            !$0.matches
        }
        #expect(mismatches.map(\.causeCode) == ["identity.nameMismatch", "identity.birthDateMismatch", "balance.mismatch"])
        let unknown = Verification.findings(participant: siti, registry: nil, claim: claim, expectedGross: 8_500_000)
        #expect(unknown.map(\.check) == [.nik, .balance])
        #expect(unknown.first?.matches == false)
    }

    @Test func theStaffCookieRoundTripsAndRefusesGarbage() throws {
        let cookie = StaffCookie(accessToken: "v1.abc.def", refreshToken: "r-_1", deviceID: "staff-web-0123456789a")
        let header = "theme=dark; \(try #require(cookie.setCookie.split(separator: ";").first)); other=1"
        #expect(StaffCookie(cookieHeader: header) == cookie)
        #expect(cookie.setCookie.contains("HttpOnly"))
        #expect(StaffCookie(cookieHeader: nil) == nil)
        #expect(StaffCookie(cookieHeader: "jht_staff=only-one-part") == nil)
        #expect(StaffCookie(cookieHeader: "jht_staff=a~b~bad device!") == nil)
        #expect(StaffCookie(cookieHeader: "jht_staff=~b~staff-web-0123456789a") == nil)
        #expect(StaffCookie.newDeviceID() != StaffCookie.newDeviceID())
    }

    @Test func htmlIsEscaped() {
        #expect(HTML.escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;")
        #expect(HTML.percent(0.925) == "93%")
        #expect(HTML.percent(nil) == "–")
        #expect(HTML.number(2.0) == "2")
        #expect(HTML.number(2.25) == "2.3")
    }
}
