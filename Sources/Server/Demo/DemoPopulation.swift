import Foundation
import Models

/// A synthetic branch population for load and simulation: `count` members of the Bandung Suci
/// branch (40,000 in 2023, DOMAIN.md), generated from their index alone, so the server that
/// seeds them and the simulator that signs them in agree without sharing a file.
///
/// The mix follows the field studies: most members left work long enough ago to claim, some
/// recently (waiting period not over) and a few are still employed; three in four have a
/// balance under the online ceiling, the rest go through Lapak Asik; one in five has not done
/// the data update yet; one in twenty-five gives a dormant bank account first.
public enum DemoPopulation {
    /// Where a member's journey is expected to go (the simulator reads it; the server does not).
    public struct Member: Sendable {
        public var index: Int
        public var account: ParticipantAccount
        /// The account the member types first.
        public var firstBankAccount: BankAccount
        /// The account given after a failed payment.
        public var secondBankAccount: BankAccount
        /// Whether the bank knows `firstBankAccount` as dormant (the payment fails).
        public var firstAccountIsDormant: Bool
        /// The reason the member claims for.
        public var reason: ClaimReason
    }

    /// The day the population's dates are computed from.
    static let today = try! LocalDate("2026-11-21")

    static let firstNames = [
        "Ade", "Asep", "Bambang", "Cecep", "Dadang", "Dede", "Eka", "Eneng", "Fajar", "Gita", "Hendra", "Ika", "Iwan", "Lina",
        "Neneng", "Nur", "Rina", "Rudi", "Sari", "Tati", "Ujang", "Wati", "Yani", "Yusuf",
    ]
    static let lastNames = [
        "Suryana", "Hidayat", "Permana", "Kurniawan", "Rahmawati", "Setiawan", "Sudrajat", "Gunawan", "Nugraha", "Lestari",
        "Saputra", "Maulana", "Wijaya", "Susanti", "Ramdani", "Fauzi", "Mulyani", "Firmansyah",
    ]
    static let employers = [
        "PT Tekstil Cigondewah", "PT Garmen Rancaekek", "PT Sepatu Cibaduyut", "CV Konveksi Ujungberung", "PT Elektronik Gedebage",
        "PT Logistik Soekarno-Hatta", "PT Makanan Cicaheum",
    ]

    /// The member with `index` (0-based).
    public static func member(_ index: Int) -> Member {
        precondition(index >= 0 && index < 999_999, "A population has fewer than a million members.")
        let female = index % 2 == 1
        let day = 1 + index % 28
        let month = 1 + (index / 28) % 12
        let year = 60 + (index / 336) % 40
        let serial = 1 + index / 13_440
        // Region 327302 (not used by the demo's named people), DD (+40 for women), MM, YY, serial.
        let nik = String(format: "327302%02d%02d%02d%04d", day + (female ? 40 : 0), month, year, serial)
        let name = "\(firstNames[index % firstNames.count]) \(lastNames[(index / firstNames.count) % lastNames.count])"
        let participant = Participant(
            id: Participant.ID(UUID(uuidString: String(format: "00000000-0000-4000-9000-%012d", index))!),
            nik: try! NIK(nik),
            kpj: try! KPJ(String(format: "3%010d", index)),
            name: name,
            phone: try! PhoneNumber(String(format: "+62813%08d", index)),
            branchID: DemoData.bandung.id,
            dataUpdateCompletedAt: index % 5 == 4 ? nil : DemoData.dataUpdated,
            today: today
        )
        let bucket = index % 100
        let status: Membership.Status = bucket >= 95 ? .active : .inactive
        let endOfWork: LocalDate? =
            switch bucket {
            case 90..<95: today.adding(days: -(5 + index % 20))  // waiting period not over
            case 95...: nil
            default: today.adding(days: -(40 + index % 600))
            }
        let band = (index / 100) % 100
        let balance: Rupiah =
            switch band {
            case 0..<75: Rupiah(1_000_000 + Int64(index % 139) * 100_000)  // under the Rp15,000,000 ceiling
            case 75..<92: Rupiah(15_500_000 + Int64(index % 69) * 500_000)
            default: Rupiah(52_000_000 + Int64(index % 97) * 1_000_000)
            }
        let membership = Membership(
            status: status,
            employerName: employers[index % employers.count],
            memberSince: try! LocalDate(String(format: "%04d-%02d-01", 2005 + index % 18, 1 + index % 12)),
            endOfWorkDate: endOfWork,
            balance: balance,
            hasTaxNumber: band >= 92 && index % 7 != 0
        )
        let age = participant.birthDate.years(until: today)
        let reason: ClaimReason =
            age >= 56 ? .retirement : [ClaimReason.resignation, .termination, .contractEnded][index % 3]
        return Member(
            index: index,
            account: ParticipantAccount(participant: participant, membership: membership),
            firstBankAccount: try! BankAccount(bank: .bri, number: String(format: "0021%011d", index), holderName: name),
            secondBankAccount: try! BankAccount(bank: .bca, number: String(format: "7%09d", index), holderName: name),
            firstAccountIsDormant: index % 25 == 7,
            reason: reason
        )
    }

    /// The civil registry as it knows the demo's people and the first `count` members.
    public static func civilRegistry(count: Int) -> FakeCivilRegistry {
        let members = (0..<count).map { member($0).account.participant }
        return FakeCivilRegistry(
            records: Array(DemoData.civilRegistry.records.values)
                + members.map { CivilRegistryRecord(nik: $0.nik, name: $0.name.uppercased(), birthDate: $0.birthDate) }
        )
    }

    /// The demo bank, also knowing the dormant first accounts of the first `count` members.
    public static func bank(count: Int) -> FakeBankGateway {
        let dormant = (0..<count).map(member).filter(\.firstAccountIsDormant).map { member in
            FakeBankGateway.Account(
                bank: member.firstBankAccount.bank,
                number: member.firstBankAccount.number,
                holderName: member.account.participant.name.uppercased(),
                isActive: false
            )
        }
        return FakeBankGateway(accounts: DemoData.bankAccounts + dormant, unknownNumbers: [(.bri, "002199999999999")])
    }

    /// Saves the first `count` members that are not in the store yet, and the branch's officers per role
    /// (``officer(_:_:)``) when `count` is above zero; returns how many members were added.
    @discardableResult
    public static func seed(_ store: any Store, count: Int, progress: (Int) -> Void = { _ in }) async throws -> Int {
        var added = 0
        if count > 0 { try await seedOfficers(store) }
        for index in 0..<count {
            let account = member(index).account
            if try await store.account(id: account.participant.id) == nil {
                try await store.save(account: account)
                added += 1
            }
            if index % 1_000 == 999 { progress(index + 1) }
        }
        return added
    }
}
