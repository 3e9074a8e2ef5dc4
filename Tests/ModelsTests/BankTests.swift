import Foundation
import Models
import Testing

@Suite("Bank")
struct BankTests {
    @Test(arguments: [
        // (code, bank, name, account-number length) from DOMAIN.md "Data formats"
        ("002", Bank.bri, "BRI", 15),
        ("008", Bank.mandiri, "Mandiri", 13),
        ("009", Bank.bni, "BNI", 10),
        ("014", Bank.bca, "BCA", 10),
        ("200", Bank.btn, "BTN", 16),
        ("451", Bank.bsi, "BSI", 10),
    ])
    func lookupByCode(code: String, bank: Bank, name: String, length: Int) throws {
        #expect(try Bank(code: code) == bank)
        #expect(bank.code == code)
        #expect(bank.name == name)
        #expect(bank.accountNumberLength == length)
    }

    @Test func unknownCodeFailsAndListsKnownBanks() {
        let error = #expect(throws: ValueError.self) { try Bank(code: "999") }
        #expect(error?.code == "bank.unknown")
        #expect(error?.field == "bankCode")
        #expect(error?.message.contains("BCA 014") == true)
    }

    @Test func encodesAsItsCode() throws {
        #expect(try jsonString(Bank.btn) == "\"200\"")
        #expect(try decode(Bank.self, "\"008\"") == .mandiri)
    }
}
