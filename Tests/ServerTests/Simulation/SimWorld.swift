import Foundation
import HTTPTypes
import Logging
import Models
import PhoneSync
import Sync

@testable import Server

/// Faults the simulated network and devices inject while people work.
struct SimFaults {
    var drop = 0.12
    var duplicate = 0.08
    var maxDelay: Int64 = 3_000
    var serverFailure = 0.04
    var unauthorized = 0.04
    var goOffline = 0.05
    var kill = 0.03

    static let none = SimFaults(drop: 0, duplicate: 0, maxDelay: 200, serverFailure: 0, unauthorized: 0, goOffline: 0, kill: 0)
}

/// One deterministic run: the real sync service and office on a real (in-memory) SQLite
/// store, four phones of two participants, an officer, and a seeded network that reorders,
/// duplicates, drops and delays messages.
final class SimWorld {
    let seed: UInt64
    var random: SimRandom
    let clock = SimClock()
    let store: SQLiteStore
    let sync: SyncService
    let office: ClaimOffice
    var phones: [SimPhone] = []
    var network: [SimMessage] = []
    var faults = SimFaults()
    var nextRequestID = 0
    var officerSteps = 0
    /// Mutations the server answered from stored results (duplicates and retries).
    var replays = 0
    /// Claims that reached the office.
    var submittedClaims = 0
    /// Payments two finance officers tried at the same instant, and how many of each pair the
    /// office accepted (exactly one, or none when the balance no longer covered the claim).
    var concurrentPayments = 0
    var concurrentPaymentsAccepted = 0
    /// Submits both phones of a participant sent for the same draft.
    var duplicateSubmits = 0
    static let requestTimeout: Int64 = 5_000

    /// A fixed key, so that a seed's run (its cursor tokens included) is the same every time.
    static let signingKeys = SigningKeys(
        ring: SigningKeyRing(keys: [
            SigningKey(
                kid: "simulation",
                secret: String(repeating: "A", count: 43),
                createdAt: Date(timeIntervalSince1970: 0),
                activatesAt: Date(timeIntervalSince1970: 0)
            )
        ]),
        source: .memory
    )

    init(seed: UInt64) async throws {
        self.seed = seed
        self.random = SimRandom(seed: seed)
        store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)
        let clock = self.clock
        let now: @Sendable () -> Date = { clock.date }
        var logger = Logger(label: "simulation")
        logger.logLevel = .critical
        let serverClock = ServerClock(now: now)
        let writer = BucketWriter(store: store, hub: PushHub(), logger: logger)
        sync = SyncService(
            store: store,
            writer: writer,
            cursors: CursorCodec(keys: Self.signingKeys, now: now),
            clock: serverClock,
            configuration: ServerConfiguration(),
            logger: logger,
            now: now
        )
        office = ClaimOffice(
            store: store,
            writer: writer,
            clock: serverClock,
            configuration: ServerConfiguration(),
            registry: DemoData.civilRegistry,
            bank: DemoData.bank(),
            logger: logger,
            now: now
        )
        try await sync.publishReference(try await store.branches())
        for name in ["Siti Rahayu", "Maria Simanjuntak"] {
            let account = DemoData.people.first { $0.account.participant.name == name }!.account
            try await sync.provision(account)
            for device in ["a", "b"] {
                let id = "\(name.split(separator: " ")[0].lowercased())-phone-\(device)"
                let phone = try SimPhone(deviceID: id, account: account, clock: clock, seed: seed &+ UInt64(phones.count))
                try phone.client.start()
                phones.append(phone)
            }
        }
    }

    /// Each participant starts with a draft claim almost ready on their first phone, synced,
    /// so the faulty phase spends its steps on the contested part: the last document, the
    /// submit, the office's steps and concurrent edits.
    func prepareDrafts() async throws {
        for phone in phones where phone.deviceID.hasSuffix("-a") {
            let claimID = random.uuid()
            let key = RecordKey(type: "claim", id: claimID.uuidString)
            let reason = phone.account.participant.name.hasPrefix("Maria") ? "leavingIndonesia" : "resignation"
            phone.mutate(
                key,
                .intent(
                    Intent(
                        name: .createClaimDraft,
                        arguments: [
                            "reason": .string(reason), "channel": "app",
                            "participantID": .string(phone.account.participant.id.rawValue.uuidString),
                            "branchID": .string(phone.account.participant.branchID.rawValue),
                        ]
                    )
                ),
                id: random.uuid()
            )
            let account = try BankAccount(bank: .bri, number: "123456789012345", holderName: phone.account.participant.name)
            phone.mutate(key, .update(fields: ["bankAccount": try JSONValue(encoding: account)]), id: random.uuid())
            let draft = Claim(
                id: .init(claimID),
                participantID: phone.account.participant.id,
                branchID: phone.account.participant.branchID,
                reason: ClaimReason(rawValue: reason)!,
                channel: .app,
                createdAt: clock.date
            )
            let required = ClaimRules.standard.missingDocuments(for: draft, membership: phone.account.membership).sorted {
                $0.rawValue < $1.rawValue
            }
            let kinds = Array(required.dropLast())
            let uploads = try await storedUploads(
                kinds,
                owner: phone.account.participant.id,
                claimID: claimID,
                store: store,
                at: clock.date,
                makeID: { self.random.uuid() }
            )
            for kind in kinds {
                phone.mutate(
                    key,
                    .intent(Intent(name: .attachDocument, arguments: attachArguments(uploads[kind], claimID: claimID))),
                    id: random.uuid()
                )
            }
        }
        _ = try await quiesce()
        faults = SimFaults()
    }

    /// People work while faults happen.
    func work(steps: Int) async throws {
        for _ in 0..<steps {
            clock.advance(by: Int64(random.int(20..<400)))
            try fireTimers()
            switch random.int(0..<100) {
            case 0..<50:
                // The network delivers what has arrived, in any order, and phones react.
                while let message = randomReadyMessage() { try await deliver(message) }
                for index in phones.indices { try drive(index) }
            case 50..<80: try await participantAction(random.int(0..<phones.count))
            case 80..<90: try await officerAction()
            case 90..<96:
                let phone = phones[random.int(0..<phones.count)]
                if random.chance(faults.goOffline * 10) { try setOnline(phone, !phone.online) }
            default:
                if random.chance(faults.kill * 10) {
                    let index = random.int(0..<phones.count)
                    try phones[index].kill(seed: seed &+ UInt64(100 + phones[index].kills))
                }
            }
        }
    }

    /// Heals the network and lets everything settle. Returns false if it never does.
    func quiesce(maxRounds: Int = 20_000) async throws -> Bool {
        faults = .none
        for phone in phones where !phone.online { try setOnline(phone, true) }
        for _ in 0..<maxRounds {
            if try await isQuiescent() { return true }
            clock.advance(by: 100)
            if network.isEmpty, phones.allSatisfy({ $0.outstanding == nil }), let wake = phones.compactMap(\.retryAt).min(),
                wake > clock.now
            {
                clock.advance(by: wake - clock.now)
            }
            try fireTimers()
            while let index = network.indices.filter({ network[$0].deliverAt <= clock.now }).min(by: {
                network[$0].deliverAt < network[$1].deliverAt
            }) {
                try await deliver(network.remove(at: index))
            }
            for index in phones.indices {
                try drive(index)
                let phone = phones[index]
                if phone.outstanding == nil, phone.retryAt == nil, try phone.client.store.outboxCount() == 0 {
                    let head = try await sync.head(for: phone.principal)
                    if try phone.client.store.cursor() != head { try phone.client.poked(cursor: head) }
                }
            }
        }
        return try await isQuiescent()
    }

    func isQuiescent() async throws -> Bool {
        guard network.isEmpty else { return false }
        for phone in phones {
            guard phone.stopped == nil, phone.outstanding == nil, try phone.client.store.outboxCount() == 0 else { return false }
            guard try phone.client.store.cursor() == (try await sync.head(for: phone.principal)) else { return false }
            guard !phone.client.machine.hasRequestInFlight else { return false }
        }
        return true
    }

    // MARK: - Phones and network

    func setOnline(_ phone: SimPhone, _ online: Bool) throws {
        phone.online = online
        if online { try phone.client.cameOnline() } else { try phone.client.wentOffline() }
    }

    func fireTimers() throws {
        for (index, phone) in phones.enumerated() {
            if let outstanding = phone.outstanding, clock.now >= outstanding.deadline {
                phone.outstanding = nil
                try failRequest(outstanding.kind, on: phone, .transient("timeout"))
            }
            if let retryAt = phone.retryAt, clock.now >= retryAt {
                phone.retryAt = nil
                try phone.client.retryTimerFired()
                try drive(index)
            }
        }
    }

    func failRequest(_ kind: SimMessage.Kind, on phone: SimPhone, _ error: SyncTransportError) throws {
        switch kind {
        case .push: try phone.client.handlePush(result: .failure(error))
        case .pull: try phone.client.handlePull(result: .failure(error))
        }
    }

    /// Lets a phone's sync loop take its next step.
    func drive(_ index: Int) throws {
        let phone = phones[index]
        guard phone.stopped == nil, phone.outstanding == nil else { return }
        switch phone.client.nextAction() {
        case .push:
            guard let request = try phone.client.preparePush() else { return }
            try send(.pushRequest(request), kind: .push, from: index)
        case .pull(let cursor):
            try send(.pullRequest(cursor: cursor, limit: 1 + random.int(0..<4)), kind: .pull, from: index)
        case .refreshToken:
            try phone.client.handleTokenRefresh(result: .success("simulated"))
        case .scheduleRetry(let seconds):
            phone.retryAt = clock.now + Int64(seconds * 1000)
        case .stop(let reason):
            phone.stopped = reason
        case .idle, .resetReplica, .resequenceOutbox:
            break
        }
    }

    func send(_ payload: SimMessage.Payload, kind: SimMessage.Kind, from index: Int) throws {
        let phone = phones[index]
        guard phone.online else { return try failRequest(kind, on: phone, .transient("offline")) }
        nextRequestID += 1
        phone.outstanding = (nextRequestID, kind, clock.now + Self.requestTimeout)
        enqueue(SimMessage(phone: index, requestID: nextRequestID, payload: payload, deliverAt: 0))
        if random.chance(faults.duplicate) {
            enqueue(SimMessage(phone: index, requestID: nextRequestID, payload: payload, deliverAt: 0))
        }
    }

    func enqueue(_ message: SimMessage) {
        guard !random.chance(faults.drop) else { return }
        var message = message
        message.deliverAt = clock.now + Int64(random.int(1..<Int(faults.maxDelay)))
        network.append(message)
    }

    func randomReadyMessage() -> SimMessage? {
        let ready = network.indices.filter { network[$0].deliverAt <= clock.now }
        guard let index = random.pick(ready) else { return nil }
        return network.remove(at: index)
    }

    func deliver(_ message: SimMessage) async throws {
        let phone = phones[message.phone]
        switch message.payload {
        case .pushRequest(let request):
            let before = try await store.deviceState(phone.deviceID)?.lastCounter ?? 0
            let result = await serve { try await self.sync.push(request, by: phone.principal) }
            if case .success = result { replays += request.mutations.filter { $0.counter <= before }.count }
            if case .success(let response) = result {
                submittedClaims +=
                    zip(request.mutations, response.results).filter { mutation, result in
                        if case .intent(let intent) = mutation.operation, intent.name == .submitClaim { return result.outcome == .applied }
                        return false
                    }.count
            }
            if case .success(let response) = result, response.results.contains(where: \.outcome.isAccepted) {
                try await poke(phone.bucket)
            }
            reply(to: message, .pushResponse(result))
        case .pullRequest(let cursor, let limit):
            reply(to: message, .pullResponse(await serve { try await self.sync.pull(cursor: cursor, limit: limit, by: phone.principal) }))
        case .pushResponse(let result):
            guard phone.outstanding?.id == message.requestID else { return }  // A late answer to a request the phone gave up on.
            phone.outstanding = nil
            if case .success(let response) = result { for r in response.results { phone.results[r.mutationID] = r } }
            try phone.client.handlePush(result: result)
            try drive(message.phone)
        case .pullResponse(let result):
            guard phone.outstanding?.id == message.requestID else { return }
            phone.outstanding = nil
            try phone.client.handlePull(result: result)
            try drive(message.phone)
        case .poke(let cursor):
            if phone.online { try phone.client.poked(cursor: cursor) }
        }
    }

    /// Runs a server call as the HTTP layer would map it, with injected faults.
    func serve<T>(_ call: () async throws -> T) async -> Result<T, SyncTransportError> {
        if random.chance(faults.serverFailure) { return .failure(.transient("HTTP 503")) }
        if random.chance(faults.unauthorized) { return .failure(.unauthorized) }
        do {
            return .success(try await call())
        } catch let problem as Problem {
            if problem.code == "sync.counterGap", case .int(let expected)? = problem.extra["expectedCounter"] {
                return .failure(.counterGap(expected: expected))
            }
            return .failure(problem.status.code >= 500 ? .transient(problem.code) : .permanent(problem.code))
        } catch {
            return .failure(.transient("\(error)"))
        }
    }

    func reply(to request: SimMessage, _ payload: SimMessage.Payload) {
        enqueue(SimMessage(phone: request.phone, requestID: request.requestID, payload: payload, deliverAt: 0))
    }

    /// Pokes the phones of `bucket` with the cursor of the newest changes, as the live stream does.
    func poke(_ bucket: BucketID) async throws {
        for (index, phone) in phones.enumerated() where phone.bucket == bucket {
            let head = try await sync.head(for: phone.principal)
            enqueue(SimMessage(phone: index, requestID: 0, payload: .poke(cursor: head), deliverAt: 0))
        }
    }
}
