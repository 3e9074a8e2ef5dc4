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
    /// One set of keys for every application built on this server, as for one deployment.
    let signingKeys = SigningKeys.inMemory()
    let store: any Store
    let clock: TestClock
    let bank: any BankGateway
    let registry: any CivilRegistry
    var configuration: ServerConfiguration

    init(
        now: Date = OfficeTime.monday,
        registry: any CivilRegistry = DemoData.civilRegistry,
        bank: any BankGateway = DemoData.bank(),
        office: OfficeSettings = OfficeSettings(problemUpdateInterval: 86_400, monitorInterval: 3600),
        store: (any Store)? = nil
    ) throws {
        self.store = try store ?? SQLiteStore.inMemory()
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
                bank: bank,
                signingKeys: signingKeys
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
        let claimID = try await draftClaim(reason, bankAccount: bankAccount, client: client, clock: clock)
        let outcome = try await intent(.submitClaim, [:], record: Claim.key(claimID), client: client, clock: clock)
        #expect(outcome == .applied, "\(outcome)")
        return claimID
    }

    /// Creates and fills in a claim with every document it needs, ready to submit, through
    /// `channel` (the first the balance allows when `nil`).
    mutating func draftClaim(
        _ reason: ClaimReason,
        bankAccount: BankAccount,
        client: some TestClientProtocol,
        clock: TestClock,
        channel: ClaimChannel? = nil
    ) async throws -> UUID {
        let claimID = UUID()
        let key = Claim.key(claimID)
        let rules = ClaimRules.standard
        let today = LocalDate(clock.now, in: .wib)
        let channel = channel ?? rules.channels.channels(for: reason, balance: account.membership.balance, on: today)[0]
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

    /// The in-person identity check a Lapak Asik or branch claim needs before the back office
    /// verifies it: the phone books the next day's video call or branch visit, and a CSO of the
    /// claim's branch checks the participant in and verifies them on that day (the clock moves
    /// there, so tokens signed before it have expired). Nothing for an app claim.
    func checkIdentityInPerson(_ claim: UUID, phone: OfficePhone, server: OfficeTestServer) async throws {
        let stored = try await server.storedClaim(claim)
        guard let purpose = IdentityCheck.inPerson(for: stored.channel) else { return }
        let ticket = FallbackTicket.id(forClaim: .init(claim))
        let kind: Appointment.Kind = purpose == .videoInterview ? .videoCall : .branchVisit
        let day = LocalDate(server.clock.now.addingTimeInterval(86_400), in: .wib)
        let booked = try await book(ticket, ["kind": kind.rawValue, "date": day.description], token: phone.tokens.access)
        #expect(booked.status == .created, "\(String(buffer: booked.body))")
        server.clock.set(day.start(in: .wib).addingTimeInterval(15 * 3600))
        let cso = try await signIn(officer: Demo.officer(stored.branchID == "MKS" ? "2001" : "1001"), inbox: server.inbox).access
        #expect(try await office(ticket, "check-in", token: cso).status == .ok)
        #expect(try await office(ticket, "decision", token: cso, body: ["outcome": "verified"]).status == .ok)
    }

    /// A demo participant's claim of `reason`, filed from their phone with every document and
    /// taken through the CSO (1001), an in-person identity check when its channel needs one, the
    /// back office (1002) and the head of service (1003);
    /// with the phone and the tokens of those officers and finance (1004, 1006).
    func approvedClaim(
        _ person: ParticipantAccount,
        _ reason: ClaimReason,
        account: BankAccount? = nil,
        server: OfficeTestServer
    ) async throws -> (claim: UUID, phone: OfficePhone, officers: [String: String]) {
        var phone = try await phone(
            person,
            device: "phone-\(person.participant.kpj.rawValue)",
            inbox: server.inbox,
            clock: server.clock,
            uploads: server.store
        )
        let bankAccount = account ?? TestAccounts.bca(person.participant.name)
        let claim = try await phone.submitClaim(reason, bankAccount: bankAccount, client: self, clock: server.clock)
        try await checkIdentityInPerson(claim, phone: phone, server: server)
        let officers = try await officers(["1001", "1002", "1003", "1004", "1006"], inbox: server.inbox)
        for (path, officer) in [("documents-complete", "1001"), ("verify", "1002"), ("approve", "1003")] {
            #expect(try await office(path, claim: claim, token: officers[officer]!).status == .ok, "\(path)")
        }
        return (claim, phone, officers)
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
