import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Synchronization
import Testing

/// A clock the test moves by hand; the server reads it as its `now`.
final class MovableClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    /// The clock as a server dependency.
    var read: @Sendable () -> Date { { [self] in now } }
}

/// Instants and dates written as text, for readable fallback tests.
enum When {
    /// An instant written as RFC 3339.
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A date written `YYYY-MM-DD`.
    static func day(_ text: String) -> LocalDate { try! LocalDate(text) }
}

/// A ticket as the participant routes show it.
struct TicketViewBody: Decodable {
    var ticket: FallbackTicket
    var appointment: Appointment?
}

/// A ticket as the officer routes show it.
struct OfficeEntryBody: Decodable {
    struct Person: Decodable {
        var name: String
        var nikMasked: String
    }

    var ticket: FallbackTicket
    var appointment: Appointment?
    var claim: Claim?
    var participant: Person
}

/// An identity decision as the officer route answers it.
struct DecisionBody: Decodable {
    var entry: OfficeEntryBody
    var claimContinued: Bool
}

/// A participant with a drafted claim whose face checks failed.
struct FallbackSetup {
    var tokens: Tokens
    var phone: TestDevice
    var claimID: UUID
    var ticketID: FallbackTicket.ID { FallbackTicket.id(forClaim: .init(claimID)) }
    var ticketKey: RecordKey { RecordKey(type: "fallbackTicket", id: ticketID.rawValue.uuidString) }
}

extension TestDevice {
    /// A face-verification report for `claimID`.
    mutating func faceCheck(
        _ participant: Participant.ID,
        claim claimID: UUID?,
        failed reason: BiometricAttempt.FailureReason? = .lowLight,
        at date: Date
    ) -> Mutation {
        let attempt = BiometricAttempt(
            id: .init(UUID()),
            participantID: participant,
            claimID: claimID.map { .init($0) },
            result: reason == nil ? .passed : .failed,
            failureReason: reason,
            livenessScore: reason == nil ? 0.97 : 0.31,
            deviceID: DeviceID(id),
            attemptedAt: date
        )
        return intent(
            .reportBiometricAttempt,
            ["attempt": try! JSONValue(encoding: attempt)],
            record: RecordKey(type: "biometricAttempt", id: attempt.recordID)
        )
    }

    /// The mutations that draft a resignation claim in the app with every document and a bank account.
    mutating func draftResignationClaim(_ claimID: UUID, holder: String, at date: Date, uploads: [DocumentKind: UUID]) -> [Mutation] {
        let key = Claim.key(claimID)
        let id = JSONValue.string(claimID.uuidString)
        let account = try! JSONValue(encoding: try! BankAccount(bank: .bca, number: "1234567890", holderName: holder))
        var mutations = [
            intent(.createClaimDraft, ["claimID": id, "reason": "resignation", "channel": "app"], record: key),
            mutation(key, .update(fields: ["bankAccount": account])),
        ]
        for kind in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie] {
            mutations.append(intent(.attachDocument, attachArguments(uploads[kind], claimID: claimID), record: key))
        }
        return mutations
    }
}

extension TestClientProtocol {
    /// Signs `account` in, drafts a complete resignation claim and reports `failures` failed
    /// face checks a minute apart, ending at `now`.
    func draftClaimWithFailedFaceChecks(
        _ account: ParticipantAccount,
        device: String,
        inbox: CodeInbox,
        store: any UploadStore,
        now: Date,
        failures: Int = 3
    ) async throws -> FallbackSetup {
        let tokens = try await signIn(account, device: device, inbox: inbox)
        var phone = TestDevice(id: device, millis: Int64(now.timeIntervalSince1970 * 1000))
        let claimID = UUID()
        let kinds = [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie]
        let uploads = try await storedUploads(kinds, owner: account.participant.id, claimID: claimID, store: store, at: now)
        var mutations = phone.draftResignationClaim(claimID, holder: account.participant.name, at: now, uploads: uploads)
        for index in 0..<failures {
            mutations.append(
                phone.faceCheck(
                    account.participant.id,
                    claim: claimID,
                    failed: .faceAngle,
                    at: now.addingTimeInterval(TimeInterval(60 * (index - failures)))
                )
            )
        }
        let response = try await push(mutations, device: device, token: tokens.access)
        #expect(response.results.allSatisfy { $0.outcome.isAccepted }, "\(response.results.map(\.outcome))")
        return FallbackSetup(tokens: tokens, phone: phone, claimID: claimID)
    }

    /// Sends a JSON request and returns the status and body.
    func call(
        _ uri: String,
        _ method: HTTPRequest.Method = .get,
        token: String,
        body: [String: Any]? = nil
    ) async throws -> (status: HTTPResponse.Status, body: ByteBuffer) {
        try await execute(uri: uri, method: method, headers: .bearer(token), body: body.map(JSON.body)) { (response: TestResponse) in
            (response.status, response.body)
        }
    }

    /// Books an appointment for a ticket.
    func book(
        _ ticket: FallbackTicket.ID,
        _ body: [String: Any],
        token: String,
        method: HTTPRequest.Method = .post
    ) async throws -> (status: HTTPResponse.Status, body: ByteBuffer) {
        try await call("/v1/fallback/tickets/\(ticket.rawValue.uuidString)/appointment", method, token: token, body: body)
    }

    /// An officer step on a ticket: `check-in`, `decision` or `no-show`.
    func office(
        _ ticket: FallbackTicket.ID,
        _ step: String,
        token: String,
        body: [String: Any]? = nil
    ) async throws -> (status: HTTPResponse.Status, body: ByteBuffer) {
        try await call("/v1/office/fallback/tickets/\(ticket.rawValue.uuidString)/\(step)", .post, token: token, body: body ?? [:])
    }
}

/// The stable code of a problem response.
func problemCode(_ body: ByteBuffer) -> String? {
    (try? JSON.object(body))?["code"] as? String
}
