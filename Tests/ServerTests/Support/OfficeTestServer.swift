import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Sync
import Synchronization
import Testing

@testable import Server

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func set(_ date: Date) { instant.withLock { $0 = date } }

    func advance(days: Double) { instant.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }

    func advance(minutes: Double) { instant.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// Instants the office tests use: Monday 23 November 2026, 10:00 WIB, and days after it.
enum OfficeTime {
    /// Monday 23 November 2026, 10:00 WIB (03:00 UTC).
    static let monday = Date(timeIntervalSince1970: 1_795_402_800)

    /// `days` calendar days after ``monday`` at `hour`:00 WIB.
    static func wib(plusDays days: Int, hour: Int = 10) -> Date {
        monday.addingTimeInterval(Double(days) * 86_400 + Double(hour - 10) * 3600)
    }
}

/// A server on a fresh in-memory store with demo data, a hand-moved clock, the demo registry
/// and a fake bank the test can inspect.
struct OfficeTestServer {
    let inbox = CodeInbox()
    let logs = LogRecorder()
    let store: SQLiteStore
    let clock: TestClock
    let bank: any BankGateway
    let registry: any CivilRegistry
    let configuration: ServerConfiguration

    init(
        now: Date = OfficeTime.monday,
        registry: any CivilRegistry = DemoData.civilRegistry,
        bank: any BankGateway = DemoData.bank(),
        office: OfficeSettings = OfficeSettings(problemUpdateInterval: 86_400, monitorInterval: 3600)
    ) throws {
        store = try SQLiteStore.inMemory()
        clock = TestClock(now)
        self.bank = bank
        self.registry = registry
        configuration = ServerConfiguration(port: 0, databasePath: ":memory:", demo: true, office: office)
    }

    func app() async throws -> some ApplicationProtocol {
        let clock = clock
        return try await buildApplication(
            configuration: configuration,
            dependencies: ServerDependencies(
                store: store,
                codeSender: inbox.sender,
                now: { clock.now },
                logger: logs.logger,
                civilRegistry: registry,
                bank: bank
            )
        )
    }

    /// The fake bank, to see what was paid.
    var fakeBank: FakeBankGateway { bank as! FakeBankGateway }

    /// An SLA monitor on the same store, ticked by the test.
    func monitor() -> SLAMonitor {
        let clock = clock
        return SLAMonitor(
            store: store,
            writer: BucketWriter(store: store, hub: PushHub(), logger: logs.logger),
            clock: ServerClock { clock.now },
            configuration: configuration,
            logger: logs.logger,
            now: { clock.now }
        )
    }

    /// The claim as stored in the participant's bucket.
    func storedClaim(_ id: UUID) async throws -> Claim {
        let key = Claim.key(id)
        let bucket = try #require(try await store.bucket(of: key))
        return try #require(try await store.snapshot(of: bucket).records[key]).decode(as: Claim.self)
    }

    /// Notifications in a participant's bucket about a claim, oldest first.
    func notifications(of account: ParticipantAccount, claim: UUID) async throws -> [ParticipantNotification] {
        let snapshot = try await store.snapshot(of: .participant(account.participant.id.rawValue.uuidString))
        // In the order they were written: by time, then by the server's clock on the write.
        let records = snapshot.records.values.filter { $0.key.type == "notification" }
            .sorted {
                ($0.fields["title"]?.latestClock ?? .init(millis: 0, counter: 0, node: ""))
                    < ($1.fields["title"]?.latestClock ?? .init(millis: 0, counter: 0, node: ""))
            }
        return try records.map { try $0.decode(as: ParticipantNotification.self) }.filter { $0.claimID?.rawValue == claim }
    }
}

/// A participant's phone in an office test: signed in, with its own counter and a clock that
/// follows the server's.
struct OfficePhone {
    let account: ParticipantAccount
    var tokens: Tokens
    var device: TestDevice
    /// Where the phone's finished uploads are registered (see `storedUploads`).
    let uploads: any UploadStore

    /// Creates, fills in and submits a claim with every document it needs.
    mutating func submitClaim(
        _ reason: ClaimReason,
        bankAccount: BankAccount,
        client: some TestClientProtocol,
        clock: TestClock
    ) async throws -> UUID {
        let claimID = UUID()
        let key = Claim.key(claimID)
        let rules = ClaimRules.standard
        let today = LocalDate(clock.now, in: .wib)
        let channel = rules.channels.channels(for: reason, balance: account.membership.balance, on: today)[0]
        device.millis = Int64(clock.now.timeIntervalSince1970 * 1000)
        var mutations = [
            device.intent(.createClaimDraft, ["reason": .string(reason.rawValue), "channel": .string(channel.rawValue)], record: key),
            device.mutation(key, .update(fields: ["bankAccount": try JSONValue(encoding: bankAccount)])),
        ]
        let documents = rules.requiredDocuments(for: reason, channel: channel, membership: account.membership)
        let kinds = documents.sorted(by: { $0.rawValue < $1.rawValue })
        let uploads = try await storedUploads(kinds, owner: account.participant.id, claimID: claimID, store: uploads, at: clock.now)
        for kind in kinds {
            mutations.append(device.intent(.attachDocument, attachArguments(uploads[kind], claimID: claimID), record: key))
        }
        if rules.requiresTaxNumber(membership: account.membership) {
            mutations.append(device.mutation(key, .update(fields: ["taxNumber": "123456789012345"])))
        }
        mutations.append(device.intent(.submitClaim, [:], record: key))
        let response = try await client.push(mutations, device: device.id, token: tokens.access)
        for result in response.results {
            #expect(result.outcome == .applied, "\(result.outcome)")
        }
        return claimID
    }

    /// Signs in again on the same device: access tokens expire when a test moves the clock.
    mutating func signInAgain(client: some TestClientProtocol, inbox: CodeInbox) async throws {
        tokens = try await client.signIn(account, device: device.id, inbox: inbox)
    }

    /// Pushes one intent and returns its outcome.
    mutating func intent(
        _ name: Intent.Name,
        _ arguments: [String: JSONValue],
        record: RecordKey,
        client: some TestClientProtocol,
        clock: TestClock
    ) async throws -> MutationOutcome {
        device.millis = max(device.millis + 1, Int64(clock.now.timeIntervalSince1970 * 1000))
        let response = try await client.push([device.intent(name, arguments, record: record)], device: device.id, token: tokens.access)
        return try #require(response.results.first).outcome
    }
}

extension TestClientProtocol {
    /// Signs a demo participant in and returns their phone.
    func phone(
        _ account: ParticipantAccount,
        device: String,
        inbox: CodeInbox,
        clock: TestClock,
        uploads: any UploadStore
    ) async throws -> OfficePhone {
        let tokens = try await signIn(account, device: device, inbox: inbox)
        return OfficePhone(
            account: account,
            tokens: tokens,
            device: TestDevice(id: device, millis: Int64(clock.now.timeIntervalSince1970 * 1000)),
            uploads: uploads
        )
    }

    /// Signs demo officers in by employee number.
    func officers(_ numbers: [String], inbox: CodeInbox) async throws -> [String: String] {
        var tokens: [String: String] = [:]
        for number in numbers {
            tokens[number] = try await signIn(officer: Demo.officer(number), device: "counter-\(number)", inbox: inbox).access
        }
        return tokens
    }

    /// Posts an officer step and returns the status and the JSON body.
    @discardableResult
    func office(
        _ path: String,
        claim: UUID,
        token: String,
        body: [String: Any]? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await execute(
            uri: "/v1/office/claims/\(claim.uuidString)\(path.isEmpty ? "" : "/")\(path)",
            method: path.isEmpty ? .get : .post,
            headers: body == nil ? [.authorization: "Bearer \(token)"] : .bearer(token),
            body: body.map(JSON.body)
        ) { (response: TestResponse) throws in
            (response.status, (try? JSON.object(response.body)) ?? [:])
        }
    }

    /// GETs a JSON document with an officer's token.
    func officeGet(_ uri: String, token: String) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await execute(uri: uri, method: .get, headers: .bearer(token)) { (response: TestResponse) throws in
            (response.status, (try? JSON.object(response.body)) ?? [:])
        }
    }
}

/// Bank accounts for the tests.
enum TestAccounts {
    static func bca(_ holder: String, _ number: String = "1234567890") -> BankAccount {
        try! BankAccount(bank: .bca, number: number, holderName: holder)
    }
}
