import Foundation
import Models

// libFuzzer target `identifiers`: the NIK, KPJ, phone, bank code, bank account and e-mail
// parsers of Models, compiled with this file alone (scripts/fuzz.sh). Any input: no crash, no
// trap; whatever parses reads back as itself, and its masked form hides the full value.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIdentifiers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let nik = try? NIK(text) {
        require((try? NIK(nik.rawValue)) == nik, "a NIK reads back as itself")
        require(!nik.masked.contains(nik.rawValue) && nik.masked.count == 16, "a masked NIK hides it")
        _ = (nik.regionCode, nik.sex, nik.birthDate(relativeTo: LocalDate(year: 2026, month: 12, day: 3)))
    }
    if let kpj = try? KPJ(text) {
        require((try? KPJ(kpj.rawValue)) == kpj, "a KPJ reads back as itself")
        require(!kpj.masked.contains(kpj.rawValue), "a masked KPJ hides it")
    }
    if let phone = try? PhoneNumber(text) {
        require((try? PhoneNumber(phone.rawValue)) == phone, "a phone number reads back as itself")
        require(!phone.masked.contains(phone.rawValue.dropFirst(3)), "a masked phone number hides it")
    }
    _ = try? Bank(code: text)
    _ = try? EmailAddress(text)
    // A bank account: the first byte picks the bank, a '|' parts the number from the holder.
    if let first = text.utf8.first {
        let bank = Bank.allCases[Int(first) % Bank.allCases.count]
        let parts = text.dropFirst().split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        if let account = try? BankAccount(bank: bank, number: String(parts.first ?? ""), holderName: String(parts.dropFirst().first ?? ""))
        {
            let again = try? BankAccount(bank: account.bank, number: account.number, holderName: account.holderName)
            require(again == account, "a bank account reads back as itself")
            require(!account.description.contains(account.number), "a bank account's text masks its number")
        }
    }
    return 0
}
