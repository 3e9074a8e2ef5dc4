import APIClient
import APITypes
import Foundation
import Models
import PhoneSync
import Sync
import Synchronization

/// The participant app's model layer as an app team writes it on the SDK: sign-in, the home
/// screen's three ticks, the claim form that works offline, documents, tracking, corrections
/// and the fallback visit. It imports only what an app links (PhoneSync, Sync, Models, the
/// typed client) and talks to the service over URLSession only.
final class ClaimApp: Sendable {
    /// The home screen's three ticks (DOMAIN.md: before "Claim JHT" is offered).
    struct Preconditions: Hashable {
        var membershipInactive: Bool
        var dataUpdateDone: Bool
        var balanceWithinCeiling: Bool

        /// All three ticks: the app offers "Klaim JHT".
        var canClaimInApp: Bool { membershipInactive && dataUpdateDone && balanceWithinCeiling }
    }

    /// What the tracking screen shows for a claim.
    struct Tracking: Hashable {
        var status: ClaimStatus
        /// The participant's stage (Agenda Klaim ... Selesai), if the claim has one.
        var stage: ParticipantStage?
        /// The badge next to the claim (waiting, sending, sent, refused).
        var badge: RecordSyncState
        /// What the officer asked to fix, if a correction is requested.
        var correction: [CorrectionRequest.Item]
        /// The notices about the claim, newest last.
        var notices: [String]
    }

    let server: ServerAddress
    let participantID: Participant.ID
    let tokens: URLSessionTokenProvider
    let sync: SyncClient
    let api: any APIProtocol
    /// The upload limit the server announced (`GET /v1/config`), checked before a byte leaves.
    let maxUploadBytes: Int64
    private let following = Mutex<Task<Void, Never>?>(nil)

    private init(
        server: ServerAddress,
        participantID: Participant.ID,
        tokens: URLSessionTokenProvider,
        replicaPath: String,
        maxUploadBytes: Int64
    ) throws {
        self.server = server
        self.participantID = participantID
        self.tokens = tokens
        self.sync = try SyncClient(
            store: try ReplicaStore.file(at: replicaPath, newDeviceID: tokens.deviceID),
            transport: URLSessionSyncTransport(server: server),
            tokens: tokens,
            backoff: RetryBackoff(initialSeconds: 0.1, maximumSeconds: 2)
        )
        self.api = JHTClient.signedIn(server: server, tokens: tokens)
        self.maxUploadBytes = maxUploadBytes
    }

    // MARK: - Sign-in

    /// The sign-in screen: NIK and KPJ, then the code from the SMS.
    static func signIn(
        server: ServerAddress,
        nik: String,
        kpj: String,
        deviceID: String,
        replicaPath: String,
        readSMS: @Sendable () async throws -> String
    ) async throws -> ClaimApp {
        let tokens = try await URLSessionTokenProvider.signIn(server: server, nik: nik, kpj: kpj, deviceID: deviceID, code: readSMS)
        let config = try await JHTClient.make(serverURL: server.baseURL, session: server.session).getConfig().ok.body.json
        let me = try await JHTClient.signedIn(server: server, tokens: tokens).getMe().ok.body.json
        let app = try ClaimApp(
            server: server,
            participantID: Participant.ID(try UUID(uuidString: me.participant.id).orThrow()),
            tokens: tokens,
            replicaPath: replicaPath,
            maxUploadBytes: config.uploads.maxBytes
        )
        try await app.sync.syncNow()
        return app
    }

    // MARK: - Home

    /// The three ticks, as the server sees the participant today.
    func preconditions() async throws -> Preconditions {
        let me = try await api.getMe().ok.body.json
        return Preconditions(
            membershipInactive: me.preconditions.membershipInactive,
            dataUpdateDone: me.preconditions.dataUpdateDone,
            balanceWithinCeiling: me.preconditions.balanceWithinCeiling
        )
    }

    /// The status line: "last synced at ...", or what waits.
    func statusLine(in language: ParticipantLanguage) throws -> String {
        let status = try sync.store.syncStatus()
        if let refusal = status.rejections.last { return refusal.rejection.participantMessage(in: language) }
        if !status.isUpToDate {
            let waiting = status.pending + status.sending + status.uploadsWaiting
            return language == .indonesian ? "\(waiting) perubahan menunggu dikirim" : "\(waiting) changes waiting to be sent"
        }
        guard let last = status.lastSyncedAt else { return language == .indonesian ? "Belum pernah sinkron" : "Never synced" }
        return (language == .indonesian ? "Terakhir sinkron " : "Last synced ") + last.formatted(.iso8601)
    }

    // MARK: - The claim form (works offline)

    /// Starts a claim in the app channel; nothing is sent yet.
    func startClaim(_ reason: ClaimReason) throws -> RecordKey {
        let key = RecordKey(type: Claim.syncSchema.type, id: UUID().uuidString)
        try sync.mutate(
            record: key,
            operation: .intent(IntentCall.createClaimDraft(CreateClaimDraft(reason: reason, channel: .app)).intent)
        )
        return key
    }

    /// The bank account the claim is paid into.
    func enterBankAccount(_ account: BankAccount, on claim: RecordKey) throws {
        try sync.mutate(record: claim, operation: .update(fields: ["bankAccount": try JSONValue(encoding: account)]))
    }

    /// A photo or scan of a document; it shows on the claim at once and uploads when online.
    ///
    /// - Throws: a ``Rejection`` (too large, not a document type) before anything is sent.
    func attach(_ file: Data, as kind: DocumentKind, to claim: RecordKey) throws {
        try sync.queueDocument(file, kind: kind, for: claim, filename: "\(kind.rawValue)", maxBytes: maxUploadBytes)
    }

    /// Submits the claim (sent after its documents are uploaded).
    func submit(_ claim: RecordKey) throws {
        try sync.mutate(record: claim, operation: .intent(IntentCall.submitClaim(ClaimStep()).intent))
    }

    // MARK: - Online

    /// "Sync now": sends what waits, uploads the documents, then sends what waited for them.
    func syncNow() async throws {
        try await sync.syncNow()
        _ = try await DocumentUploader(client: sync, transport: URLSessionUploadTransport(server: server)).run()
        try await sync.syncNow()
    }

    /// Follows the live stream while the app is in the foreground.
    func enterForeground() {
        let live = LiveSync(client: sync, stream: URLSessionLiveStream(server: server), tokens: tokens)
        following.withLock { task in
            task?.cancel()
            task = Task { await live.run() }
        }
    }

    /// Stops following the live stream.
    func enterBackground() {
        following.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    // MARK: - Tracking

    /// The tracking screen of a claim.
    func tracking(_ claim: RecordKey) throws -> Tracking? {
        // Read field by field: before the first sync the phone holds only what it predicted.
        guard let record = try sync.store.localRecord(claim), let status = try record["status"]?.decode(as: ClaimStatus.self) else {
            return nil
        }
        let notices = try sync.store.localRecords(type: ParticipantNotification.syncSchema.type)
            .filter { $0["claimID"] == .string(claim.id) }
            .map { try $0.decode(as: ParticipantNotification.self) }
            .sorted { $0.createdAt < $1.createdAt }
        return Tracking(
            status: status,
            stage: status.stage,
            badge: try sync.syncState(of: claim),
            correction: (try? record["correction"]?.decode(as: CorrectionRequest.self))?.items ?? [],
            notices: notices.map(\.title)
        )
    }

    /// Answers a correction: the new file for each document asked for, then sends the claim
    /// back to the office.
    func answerCorrection(of claim: RecordKey, with files: [DocumentKind: Data]) throws {
        for (kind, file) in files.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { try attach(file, as: kind, to: claim) }
        try sync.mutate(record: claim, operation: .intent(IntentCall.resubmitClaim(ClaimStep()).intent))
    }
}
