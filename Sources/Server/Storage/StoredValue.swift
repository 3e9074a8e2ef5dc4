import Foundation
import Models

/// Decodes stored text into domain values, failing loudly on a corrupt row. Both stores read
/// their columns and build the domain values here, so a row means the same in either.
enum StoredValue {
    struct Corrupt: Error, CustomStringConvertible {
        var description: String
    }

    static func decode<T: RawRepresentable>(_ type: T.Type, _ text: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw Corrupt(description: "stored \(T.self) has an unknown value") }
        return value
    }

    static func uuid(_ text: String) throws -> UUID {
        guard let value = UUID(uuidString: text) else { throw Corrupt(description: "stored id is not a UUID") }
        return value
    }

    static func branch(
        id: String,
        name: String,
        city: String,
        timeZone: String,
        dailyJHTQuota: Int,
        opensAtMinute: Int,
        closesAtMinute: Int
    ) throws -> Branch {
        Branch(
            id: Branch.ID(id),
            name: name,
            city: city,
            timeZone: try decode(IndonesianTimeZone.self, timeZone),
            dailyJHTQuota: dailyJHTQuota,
            opensAtMinute: opensAtMinute,
            closesAtMinute: closesAtMinute
        )
    }

    /// A participant row: the columns a store queries, and the person (sealed in the table).
    struct AccountColumns {
        var id: String
        var personal: SealedParticipant
        var branchID: String
        var dataUpdateCompletedAt: Double?
        var membershipStatus: String
        var memberSince: String
        var balance: Int64
        var partialClaimTaken: Bool
        var hasTaxNumber: Bool
    }

    static func account(_ row: AccountColumns) throws -> ParticipantAccount {
        let person = row.personal
        let participant = Participant(
            id: Participant.ID(try uuid(row.id)),
            nik: try NIK(person.nik),
            kpj: try KPJ(person.kpj),
            name: person.name,
            birthDate: try LocalDate(person.birthDate),
            sex: try decode(Sex.self, person.sex),
            phone: try person.phone.map { text throws(ValueError) in try PhoneNumber(text) },
            email: try person.email.map { text throws(ValueError) in try EmailAddress(text) },
            branchID: Branch.ID(row.branchID),
            dataUpdateCompletedAt: row.dataUpdateCompletedAt.map(Date.init(timeIntervalSince1970:))
        )
        let membership = Membership(
            status: try decode(Membership.Status.self, row.membershipStatus),
            employerName: person.employerName,
            memberSince: try LocalDate(row.memberSince),
            endOfWorkDate: try person.endOfWorkDate.map { text throws(ValueError) in try LocalDate(text) },
            balance: Rupiah(row.balance),
            partialClaimTaken: row.partialClaimTaken,
            hasTaxNumber: row.hasTaxNumber
        )
        return ParticipantAccount(participant: participant, membership: membership)
    }

    /// What of an account the participant table seals.
    static func sealedParticipant(_ account: ParticipantAccount) -> SealedParticipant {
        let p = account.participant
        let m = account.membership
        return SealedParticipant(
            nik: p.nik.rawValue,
            kpj: p.kpj.rawValue,
            name: p.name,
            birthDate: p.birthDate.description,
            sex: p.sex.rawValue,
            phone: p.phone?.rawValue,
            email: p.email?.rawValue,
            employerName: m.employerName,
            endOfWorkDate: m.endOfWorkDate?.description
        )
    }

    static func officer(id: String, name: String, employeeNumber: String, branchID: String, roles: String, phone: String?) throws -> Officer
    {
        Officer(
            id: Officer.ID(try uuid(id)),
            name: name,
            employeeNumber: employeeNumber,
            branchID: Branch.ID(branchID),
            roles: Set(try roles.split(separator: ",").map { try decode(OfficerRole.self, String($0)) }),
            phone: try phone.map { text throws(ValueError) in try PhoneNumber(text) }
        )
    }

    /// An officer's roles as stored: sorted, comma-separated.
    static func roles(_ roles: Set<OfficerRole>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }
}
