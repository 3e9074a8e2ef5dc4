import Foundation
import Models

// The systems outside our walls as the demo sees them: a civil registry and a bank with the
// cases the office must handle (README, "Demo data").
extension DemoData {
    /// Everyone as registered, except two mismatches the back office finds:
    /// Joko Susilo is registered under the old spelling "Djoko Susilo" (a name mismatch), and
    /// Andi Pratama's registered birth date is a day later than his membership's.
    public static let civilRegistry = FakeCivilRegistry(
        records: people.map { person in
            let participant = person.account.participant
            var record = CivilRegistryRecord(nik: participant.nik, name: participant.name.uppercased(), birthDate: participant.birthDate)
            switch participant.name {
            case "Joko Susilo": record.name = "DJOKO SUSILO"
            case "Andi Pratama": record.birthDate = participant.birthDate.adding(days: 1)
            default: break
            }
            return record
        }
    )

    /// Accounts the demo bank knows: Maria Simanjuntak's BNI account is dormant (payment
    /// fails: inactive account); BCA 1112223334 belongs to someone else (paying a participant
    /// into it fails: holder-name mismatch, the mistyped-number case); BRI 002199999999999 was
    /// never issued (account not found). Every other account is active in the name given.
    public static let bankAccounts: [FakeBankGateway.Account] = [
        .init(bank: .bni, number: "0987654321", holderName: "MARIA SIMANJUNTAK", isActive: false),
        .init(bank: .bca, number: "1112223334", holderName: "SUSANTI WIJAYA"),
    ]

    /// A fresh demo bank (it remembers its transfers).
    public static func bank() -> FakeBankGateway {
        FakeBankGateway(accounts: bankAccounts, unknownNumbers: [(.bri, "002199999999999")])
    }
}
