import Foundation
import Models

// Shared fixtures and helpers for the Models tests.

/// A date from `YYYY-MM-DD`; the literal is known to be valid.
func day(_ text: String) -> LocalDate {
    try! LocalDate(text)
}

/// An instant from an ISO 8601 UTC literal such as `2026-03-16T16:30:00Z`.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { preconditionFailure("bad instant literal \(text)") }
    return date
}

/// The code of the ``ValueError`` `body` throws, or `nil` when it succeeds.
func valueErrorCode<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return (error as? ValueError)?.code ?? "not a ValueError: \(error)"
    }
}

/// A JSON decoder and encoder that use ISO 8601 dates, as the wire does.
func wireDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
}

func wireEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}

/// Decodes `json` as `T` with the wire decoder.
func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try wireDecoder().decode(type, from: Data(json.utf8))
}

/// Encodes `value` and decodes it back.
func roundTrip<T: Codable>(_ value: T) throws -> T {
    try wireDecoder().decode(T.self, from: wireEncoder().encode(value))
}

/// Encodes `value` to a JSON string with sorted keys.
func jsonString<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try wireEncoder().encode(value), as: UTF8.self)
}

enum Fixtures {
    static let branchID: Branch.ID = "BDG-SUCI"
    static let otherBranchID: Branch.ID = "MKS"
    static let participantID = Participant.ID(UUID(uuidString: "11111111-1111-1111-1111-111111111111")!)
    static let strangerID = Participant.ID(UUID(uuidString: "22222222-2222-2222-2222-222222222222")!)
    static let claimID = Claim.ID(UUID(uuidString: "33333333-3333-3333-3333-333333333333")!)

    /// A man born 10 May 1970 in Kota Bandung.
    static let nik = try! NIK("3273011005700001")
    static let kpj = try! KPJ("12345678901")

    static func officer(_ number: Int, _ roles: Set<OfficerRole>, branch: Branch.ID = branchID) -> Officer {
        let uuid = UUID(uuidString: String(format: "AAAAAAAA-0000-0000-0000-%012d", number))!
        return Officer(id: Officer.ID(uuid), name: "Officer \(number)", employeeNumber: "E\(number)", branchID: branch, roles: roles)
    }

    static let cso = officer(1, [.cso])
    static let backOffice = officer(2, [.backOffice])
    static let head = officer(3, [.headOfService])
    static let finance = officer(4, [.finance])
    /// Holds every role, so only the four-eyes rule can stop it.
    static let allRoles = officer(5, Set(OfficerRole.allCases))
    static let otherHead = officer(6, [.headOfService])
    static let otherFinance = officer(7, [.finance])
    static let elsewhere = officer(8, Set(OfficerRole.allCases), branch: otherBranchID)

    static let bankAccount = try! BankAccount(bank: .bca, number: "1234567890", holderName: "Budi Santoso")

    static func participant(dataUpdateDone: Bool = true, birthDate: LocalDate? = nil) -> Participant {
        Participant(
            id: participantID,
            nik: nik,
            kpj: kpj,
            name: "Budi Santoso",
            birthDate: birthDate,
            phone: try! PhoneNumber("081234567890"),
            branchID: branchID,
            dataUpdateCompletedAt: dataUpdateDone ? utc("2026-01-05T02:00:00Z") : nil,
            today: day("2026-01-01")
        )
    }

    static func claim(status: ClaimStatus = .draft, reason: ClaimReason = .resignation, channel: ClaimChannel = .app) -> Claim {
        Claim(
            id: claimID,
            participantID: participantID,
            branchID: branchID,
            reason: reason,
            channel: channel,
            status: status,
            bankAccount: bankAccount,
            grossAmount: 8_000_000,
            netAmount: 8_000_000,
            createdAt: utc("2026-03-01T01:00:00Z")
        )
    }

    static func membership(
        status: Membership.Status = .inactive,
        memberSince: LocalDate = day("2012-01-02"),
        endOfWork: LocalDate? = day("2026-01-31"),
        balance: Rupiah = 8_000_000,
        partialTaken: Bool = false,
        hasTaxNumber: Bool = true
    ) -> Membership {
        Membership(
            status: status,
            employerName: "PT Tekstil Bandung",
            memberSince: memberSince,
            endOfWorkDate: endOfWork,
            balance: balance,
            partialClaimTaken: partialTaken,
            hasTaxNumber: hasTaxNumber
        )
    }

    static let correction = CorrectionRequest(
        items: [CorrectionRequest.Item(document: .bankBook, reason: "The bank book page is blurred.")],
        requestedAt: utc("2026-03-04T03:00:00Z"),
        requestedBy: cso.id
    )
}
