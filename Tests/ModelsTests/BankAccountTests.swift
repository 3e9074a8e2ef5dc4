import Foundation
import Models
import Testing

@Suite("BankAccount")
struct BankAccountTests {
    @Test(arguments: [
        (Bank.bca, "1234567890"),
        (Bank.bni, "0987654321"),
        (Bank.bsi, "7123456789"),
        (Bank.mandiri, "1310012345678"),
        (Bank.bri, "002101234567890"),
        (Bank.btn, "0001234567890123"),
    ])
    func accountOfTheBanksLengthIsValid(bank: Bank, number: String) throws {
        let account = try BankAccount(bank: bank, number: number, holderName: "Siti Aminah")
        #expect(account.number == number)
        #expect(account.bank == bank)
    }

    @Test(arguments: Bank.allCases)
    func oneDigitTooManyOrTooFewFails(bank: Bank) {
        let short = String(repeating: "1", count: bank.accountNumberLength - 1)
        let long = String(repeating: "1", count: bank.accountNumberLength + 1)
        #expect(valueErrorCode { try BankAccount(bank: bank, number: short, holderName: "Siti") } == "bankAccount.length")
        #expect(valueErrorCode { try BankAccount(bank: bank, number: long, holderName: "Siti") } == "bankAccount.length")
    }

    @Test func separatorsAreRemovedAndTheHolderTrimmed() throws {
        let account = try BankAccount(bank: .bca, number: "123-456 7890", holderName: "  Siti Aminah \n")
        #expect(account.number == "1234567890")
        #expect(account.holderName == "Siti Aminah")
    }

    @Test func lettersAndEmptyHolderFail() {
        #expect(valueErrorCode { try BankAccount(bank: .bca, number: "12345678x0", holderName: "Siti") } == "bankAccount.digits")
        #expect(valueErrorCode { try BankAccount(bank: .bca, number: "", holderName: "Siti") } == "bankAccount.digits")
        #expect(valueErrorCode { try BankAccount(bank: .bca, number: "1234567890", holderName: "   ") } == "bankAccount.holder")
    }

    @Test func descriptionMasksAllButTheLastFourDigits() throws {
        let account = try BankAccount(bank: .mandiri, number: "1310012345678", holderName: "Siti")
        #expect(account.maskedNumber == "*********5678")
        #expect(account.description == "Mandiri *********5678")
        #expect(!"\(account)".contains("131001234"))
    }

    @Test func encodesTheBankAsItsCode() throws {
        let account = try BankAccount(bank: .bca, number: "1234567890", holderName: "Siti")
        #expect(try jsonString(account) == #"{"bankCode":"014","holderName":"Siti","number":"1234567890"}"#)
        #expect(try roundTrip(account) == account)
    }

    @Test(arguments: [
        #"{"bankCode":"999","number":"1234567890","holderName":"Siti"}"#,
        #"{"bankCode":"014","number":"123456789","holderName":"Siti"}"#,
        #"{"bankCode":"014","number":"12345678AB","holderName":"Siti"}"#,
        #"{"bankCode":"014","number":"1234567890","holderName":" "}"#,
    ])
    func invalidWireValuesFailAsDataCorrupted(json: String) {
        let error = #expect(throws: DecodingError.self) { try decode(BankAccount.self, json) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.underlyingError is ValueError)
    }

    @Test func missingFieldFailsAsKeyNotFound() {
        let error = #expect(throws: DecodingError.self) { try decode(BankAccount.self, #"{"bankCode":"014","number":"1234567890"}"#) }
        guard case .keyNotFound(let key, _) = error else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "holderName")
    }
}
