import Foundation
import Models
import PhoneSync
import Server
import Sync
import SyncHTTP

/// One participant's day with the app: sign in (maybe on a second phone too), the data update,
/// a claim drafted (maybe offline), documents uploaded through cuts, the face check, then
/// submit, or after three failures a fallback ticket and a booked visit; then following the
/// claim on the live stream: corrections fixed, a new account after a failed payment, the
/// survey after payment. App kills and offline spells happen along the way. At the end every
/// phone's replica is checked against the server.
struct ParticipantJourney {
    let member: DemoPopulation.Member
    let context: RunContext
    var random: SimRandom
    var phones: [Phone] = []
    let claimID: UUID
    var outcome = "unfinished"
    /// The channel the participant files through when not the app's own choice (the branch
    /// counter's walk-ins file through `branch`).
    var preferredChannel: ClaimChannel?
    /// Problems already answered (a correction request, a failed payment), so each is answered once.
    var answered: Set<String> = []

    init(member: DemoPopulation.Member, context: RunContext) {
        self.member = member
        self.context = context
        self.random = SimRandom(seed: context.seed, stream: UInt64(member.index) + 1)
        self.claimID = random.uuid()
    }

    var settings: SimSettings { context.settings }
    var metrics: RunMetrics { context.metrics }
    var participantID: String { member.account.participant.id.rawValue.uuidString }
    var claimKey: RecordKey { RecordKey(type: Claim.syncSchema.type, id: claimID.uuidString) }
    var main: Phone { phones[0] }

    /// The app or, over the online ceiling, Lapak Asik; or the channel the participant chose.
    var channel: ClaimChannel {
        preferredChannel ?? (member.account.membership.balance.amount >= 15_000_000 ? .lapakAsik : .app)
    }

    /// Runs the day and returns how it ended, in words.
    mutating func run() async -> String {
        defer { for phone in phones { phone.close() } }
        do {
            try await day()
            try await finish()
        } catch is CancellationError {
            outcome = "cancelled"
        } catch {
            outcome = "error: \(Self.describe(error))"
            metrics.divergence("participant \(member.index): journey failed: \(Self.describe(error))")
        }
        return outcome
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    // MARK: - The day

    mutating func day() async throws {
        guard try await file() else { return }
        try await followStatus()
    }

    /// Signs in (maybe on a second phone too), does the data update, drafts the claim and
    /// either submits it or, after three failed face checks, books a fallback appointment.
    /// - Returns: false when the server refused the claim at submit.
    mutating func file() async throws -> Bool {
        phones.append(try await openPhone("a"))
        if random.chance(settings.secondPhoneRate) {
            phones.append(try await openPhone("b"))
            metrics.secondPhone()
        }
        try await dataUpdate()
        try await draftClaim()
        if try await faceCheck() { return try await submit() }
        try await bookFallback()
        return true
    }

    mutating func openPhone(_ name: String) async throws -> Phone {
        let deviceID = "sim-\(context.seed)-\(member.index)-\(name)"
        let tokens = try await context.signIn(member, deviceID: deviceID)
        let network = PhoneNetwork(
            http: context.http,
            participant: member.index,
            settings: settings,
            metrics: metrics,
            random: SimRandom(seed: context.seed, stream: UInt64(member.index) * 16 + UInt64(phones.count) + 1_000_000)
        )
        let phone = try Phone(
            label: "participant \(member.index) phone \(name)",
            deviceID: deviceID,
            folder: context.folder,
            network: network,
            tokens: tokens,
            baseURL: context.baseURL,
            client: context.client,
            liveClient: context.liveClient,
            chunkBytes: settings.chunkBytes,
            wallClock: { [now = context.now] in Int64((now().timeIntervalSince1970 * 1000).rounded(.down)) }
        )
        try await phone.sync()
        if context.followsLive { phone.startLive() }
        return phone
    }

    /// Contact details confirmed. With two phones, the second one changed the e-mail earlier
    /// while offline and syncs after the first: its older write loses (last writer wins).
    mutating func dataUpdate() async throws {
        let profile = RecordKey(type: ParticipantProfile.syncSchema.type, id: participantID)
        if phones.count > 1 {
            try phones[1].goOffline()
            try phones[1].client.mutate(
                record: profile,
                operation: .update(fields: ["email": .string("old.member\(member.index)@example.co.id")]),
                id: random.uuid()
            )
            try await Task.sleep(for: .milliseconds(3))
        }
        try main.client.mutate(
            record: profile,
            operation: .update(fields: ["email": .string("member\(member.index)@example.co.id"), "language": "su"]),
            id: random.uuid()
        )
        try await maybeFault(main)
        try await main.sync()
        if phones.count > 1 {
            try phones[1].comeOnline()
            try await phones[1].sync()
        }
    }

    /// The claim, its bank account and documents; offline for some, synced afterwards.
    mutating func draftClaim() async throws {
        let offline = random.chance(settings.offlineDraftRate)
        if offline { try main.goOffline() }
        let membership = member.account.membership
        try main.client.mutate(
            record: claimKey,
            operation: .intent(
                IntentCall.createClaimDraft(
                    CreateClaimDraft(
                        reason: member.reason,
                        channel: channel,
                        participantID: member.account.participant.id,
                        branchID: member.account.participant.branchID
                    )
                ).intent
            ),
            id: random.uuid()
        )
        var fields: [String: JSONValue] = ["bankAccount": try JSONValue(encoding: member.firstBankAccount)]
        if membership.hasTaxNumber { fields["taxNumber"] = "01.234.567.8-901.000" }
        try main.client.mutate(record: claimKey, operation: .update(fields: fields), id: random.uuid())
        let draft = Claim(
            id: .init(claimID),
            participantID: member.account.participant.id,
            branchID: member.account.participant.branchID,
            reason: member.reason,
            channel: channel,
            createdAt: context.now()
        )
        for kind in ClaimRules.standard.missingDocuments(for: draft, membership: membership).sorted(by: { $0.rawValue < $1.rawValue }) {
            try queue(kind)
        }
        try await maybeFault(main)
        if offline {
            try await Task.sleep(for: .milliseconds(random.int(20...200)))
            try main.comeOnline()
        }
        try await main.uploadDocuments()
    }

    mutating func queue(_ kind: DocumentKind) throws {
        let size = random.int(settings.documentBytes)
        try main.client.queueDocument(
            random.jpeg(size),
            kind: kind,
            for: claimKey,
            filename: "\(kind.rawValue).jpg",
            maxBytes: 10 * 1024 * 1024,
            id: random.uuid()
        )
    }

    /// App claims need a face check; three failures open a fallback ticket. Returns whether
    /// the participant may submit in the app.
    mutating func faceCheck() async throws -> Bool {
        guard channel == .app else { return true }  // Lapak Asik's video interview or the counter checks identity.
        // Some people's checks keep failing (light, angle, glasses, shaky hands); others may fail once.
        let struggles = random.chance(settings.faceFailureRate)
        for _ in 1...3 {
            let failed = random.chance(struggles ? 0.9 : 0.15)
            let attempt = BiometricAttempt(
                id: .init(random.uuid()),
                participantID: member.account.participant.id,
                claimID: .init(claimID),
                result: failed ? .failed : .passed,
                failureReason: failed ? random.pick(BiometricAttempt.FailureReason.allCases) : nil,
                livenessScore: failed ? random.double(0.1..<0.6) : random.double(0.8..<1),
                deviceID: DeviceID(rawValue: main.deviceID),
                attemptedAt: context.now()
            )
            try main.client.mutate(
                record: RecordKey(type: BiometricAttempt.syncSchema.type, id: attempt.recordID),
                operation: .intent(IntentCall.reportBiometricAttempt(ReportBiometricAttempt(attempt: attempt)).intent),
                id: random.uuid()
            )
            try await main.sync()
            if !failed { return true }
        }
        return false
    }

    /// Submits; returns false (and ends the day) when the server refuses the claim.
    ///
    /// With a second phone: it still shows the draft, offline, and changes the tax number
    /// while the first phone submits; when it syncs, the server refuses the change (the
    /// field is locked once the office holds the claim) and the phone shows why.
    mutating func submit() async throws -> Bool {
        let stale = phones.count > 1 ? phones[1] : nil
        if let stale {
            try await stale.sync()
            try stale.goOffline()
            try stale.client.mutate(record: claimKey, operation: .update(fields: ["taxNumber": "09.876.543.2-109.000"]), id: random.uuid())
        }
        let mutation = try main.client.mutate(record: claimKey, operation: .intent(Intent(name: .submitClaim)), id: random.uuid())
        try await main.sync()
        if let stale {
            try stale.comeOnline()
            try await stale.sync()
        }
        if let rejection = try main.client.store.rejections(includeAcknowledged: true).first(where: { $0.mutation.id == mutation.id }) {
            outcome = "refused at submit: \(rejection.rejection.code)"
            return false
        }
        metrics.submitted()
        return true
    }
}
