import Foundation
import Models

/// Demo data: two branches in two time zones, participants covering every claim reason and
/// every app-claim precondition case, officers of every role. Seeded into an empty store
/// when the server runs in demo mode; the README lists who is who.
public enum DemoData {
    public static let bandung = Branch(
        id: "BDG-SUCI",
        name: "Kantor Cabang Bandung Suci",
        city: "Bandung",
        timeZone: .wib,
        dailyJHTQuota: 100
    )
    public static let makassar = Branch(
        id: "MKS",
        name: "Kantor Cabang Makassar",
        city: "Makassar",
        timeZone: .wita,
        dailyJHTQuota: 100
    )

    /// One demo participant: what they show off.
    public struct Person: Sendable {
        public var account: ParticipantAccount
        /// What this participant demonstrates, for the README and the simulator.
        public var scenario: String
    }

    static func id(_ n: Int) -> UUID { UUID(uuidString: "00000000-0000-4000-8000-\(String(format: "%012d", n))")! }

    static func date(_ text: String) -> LocalDate { try! LocalDate(text) }

    static let dataUpdated = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01 UTC

    // swift-format-ignore
    static let rows: [(Int, String, String, String, String, Branch, Membership, Bool, String)] = [
        (1, "3273015205900001", "12345678901", "Siti Rahayu", "+6281234567801", bandung,
         Membership(status: .inactive, employerName: "PT Tekstil Parahyangan", memberSince: date("2015-03-01"), endOfWorkDate: date("2026-08-31"), balance: 8_500_000),
         true, "resigned, waiting over: every app precondition met"),
        (2, "3273010302880002", "12345678902", "Budi Santoso", "+6281234567802", bandung,
         Membership(status: .inactive, employerName: "PT Sepatu Cibaduyut", memberSince: date("2012-07-01"), endOfWorkDate: date("2026-11-10"), balance: 12_000_000),
         true, "terminated (PHK) recently: one-month waiting period not over"),
        (3, "3273011707690003", "12345678903", "Agus Wijaya", "+6281234567803", bandung,
         Membership(status: .inactive, employerName: "PT Kereta Api Bandung", memberSince: date("1995-01-01"), endOfWorkDate: date("2026-07-31"), balance: 120_000_000, hasTaxNumber: true),
         true, "retired at 57, balance over the online ceiling and over Rp50,000,000 (Lapak Asik, NPWP)"),
        (4, "3273016509850004", "12345678904", "Dewi Lestari", "+6281234567804", bandung,
         Membership(status: .active, employerName: "PT Bank Priangan", memberSince: date("2012-03-01"), balance: 80_000_000, hasTaxNumber: true),
         true, "still employed with 14 years: partial 10% or 30% claim"),
        (5, "3273010112950005", "12345678905", "Rahmat Hidayat", "+6281234567805", bandung,
         Membership(status: .inactive, employerName: "CV Konstruksi Jaya", memberSince: date("2021-10-01"), endOfWorkDate: date("2026-09-30"), balance: 5_000_000),
         false, "fixed-term contract ended; data update (pengkinian data) not done"),
        (6, "3273014803920006", "12345678906", "Maria Simanjuntak", "+6281234567806", bandung,
         Membership(status: .inactive, employerName: "PT Garmen Nusantara", memberSince: date("2016-02-01"), endOfWorkDate: date("2026-10-15"), balance: 14_900_000),
         true, "leaving Indonesia for good; balance just under the Rp15,000,000 ceiling"),
        (7, "3273013011790007", "12345678907", "Joko Susilo", "+6281234567807", bandung,
         Membership(status: .inactive, employerName: "PT Baja Cimahi", memberSince: date("2003-05-01"), endOfWorkDate: date("2026-06-30"), balance: 30_000_000),
         true, "permanent total disability"),
        (8, "3273012001600008", "12345678908", "Hasan Basri", "+6281234567808", bandung,
         Membership(status: .inactive, employerName: "PT Percetakan Bandung", memberSince: date("1990-01-01"), endOfWorkDate: date("2026-09-01"), balance: 60_000_000),
         true, "deceased: heirs claim at the branch (death, branch only, no NPWP: 20% more tax)"),
        (9, "7371011404930009", "12345678909", "Andi Pratama", "+6281234567809", makassar,
         Membership(status: .inactive, employerName: "PT Pelabuhan Makassar", memberSince: date("2017-08-01"), endOfWorkDate: date("2026-09-15"), balance: 22_000_000),
         true, "Makassar (WITA), resigned, balance over the ceiling: Lapak Asik or branch"),
        (10, "7371014506820010", "12345678910", "Nurhayati", "+6281234567810", makassar,
         Membership(status: .active, employerName: "PT Semen Tonasa", memberSince: date("2010-01-01"), balance: 45_000_000, partialClaimTaken: true),
         true, "Makassar, partial claim already taken: no second partial, NPWP required"),
        (11, "7371011010980011", "12345678911", "Irfan Hakim", "+6281234567811", makassar,
         Membership(status: .active, employerName: "PT Logistik Sulawesi", memberSince: date("2020-04-01"), balance: 3_000_000),
         true, "Makassar, membership still active: no full claim yet"),
    ]

    /// Every demo participant.
    public static let people: [Person] = rows.map { n, nik, kpj, name, phone, branch, membership, updated, scenario in
        let participant = Participant(
            id: Participant.ID(id(n)),
            nik: try! NIK(nik),
            kpj: try! KPJ(kpj),
            name: name,
            phone: try! PhoneNumber(phone),
            branchID: branch.id,
            dataUpdateCompletedAt: updated ? dataUpdated : nil,
            today: date("2026-11-21")
        )
        return Person(account: ParticipantAccount(participant: participant, membership: membership), scenario: scenario)
    }

    /// Officers of every role in both branches; employee 1005 holds two roles, to show four-eyes;
    /// Bandung Suci has two in finance (1004, 1006), who may try to pay the same claim at once.
    public static let officers: [Officer] = [
        officer(101, "Rina Marlina", "1001", bandung, [.cso]),
        officer(102, "Yusuf Maulana", "1002", bandung, [.backOffice]),
        officer(103, "Hendra Gunawan", "1003", bandung, [.headOfService]),
        officer(104, "Lestari Ningsih", "1004", bandung, [.finance]),
        officer(105, "Wawan Setiawan", "1005", bandung, [.cso, .headOfService]),
        officer(106, "Dian Pratiwi", "1006", bandung, [.finance]),
        officer(201, "Andi Makkasau", "2001", makassar, [.cso]),
        officer(202, "Ratna Sari", "2002", makassar, [.backOffice]),
        officer(203, "Syamsul Bahri", "2003", makassar, [.headOfService]),
        officer(204, "Fitri Handayani", "2004", makassar, [.finance]),
    ]

    static func officer(_ n: Int, _ name: String, _ number: String, _ branch: Branch, _ roles: Set<OfficerRole>) -> Officer {
        Officer(
            id: Officer.ID(id(n)),
            name: name,
            employeeNumber: number,
            branchID: branch.id,
            roles: roles,
            phone: try! PhoneNumber("+62811000\(number)")
        )
    }

    /// Seeds an empty store; leaves a store that already has branches alone.
    /// - Returns: whether anything was written.
    @discardableResult
    public static func seedIfEmpty(_ store: any Store) async throws -> Bool {
        guard try await store.branches().isEmpty else { return false }
        for branch in [bandung, makassar] { try await store.save(branch: branch) }
        for person in people { try await store.save(account: person.account) }
        for officer in officers { try await store.save(officer: officer) }
        return true
    }
}
