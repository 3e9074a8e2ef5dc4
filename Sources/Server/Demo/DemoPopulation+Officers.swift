import Foundation
import Models

extension DemoPopulation {
    /// The most officers per role the demo population's branch has (besides DemoData's five).
    public static let officersPerRole = 12

    static let officerNames = [
        "Agus", "Cucu", "Deden", "Euis", "Iis", "Jajang", "Kokom", "Mamat", "Nani", "Oneng", "Pepen", "Yayat",
    ]

    /// Officer `number` (1-based, up to ``officersPerRole``) of `role` at Bandung Suci, with
    /// employee number `1` + role digit + two digits: 11nn CSO, 12nn back office, 13nn head of
    /// service, 14nn finance. Each has that one role, so four-eyes never stops a step.
    public static func officer(_ role: OfficerRole, _ number: Int) -> Officer {
        precondition((1...officersPerRole).contains(number), "An officer number is 1 to \(officersPerRole).")
        let digit =
            switch role {
            case .cso: 1
            case .backOffice: 2
            case .headOfService: 3
            case .finance: 4
            }
        let employeeNumber = String(format: "1%d%02d", digit, number)
        return Officer(
            id: Officer.ID(UUID(uuidString: "00000000-0000-4000-a000-00000000\(employeeNumber)")!),
            name: "\(officerNames[(number - 1) % officerNames.count]) \(lastNames[(digit * 5 + number) % lastNames.count])",
            employeeNumber: employeeNumber,
            branchID: DemoData.bandung.id,
            roles: [role],
            phone: try! PhoneNumber("+62811100\(employeeNumber)")
        )
    }

    /// Saves the branch's population officers that are not in the store yet.
    static func seedOfficers(_ store: any Store) async throws {
        for role in [OfficerRole.cso, .backOffice, .headOfService, .finance] {
            for number in 1...officersPerRole where try await store.officer(employeeNumber: officer(role, number).employeeNumber) == nil {
                try await store.save(officer: officer(role, number))
            }
        }
    }
}
