import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Push, pull and provisioning of buckets: a push is decided without I/O (``PushPlanner``)
/// inside the bucket's transaction and committed by the ``BucketWriter``, which pokes
/// subscribers.
struct SyncService: Sendable {
    let store: any Store
    let writer: BucketWriter
    let cursors: CursorCodec
    let clock: ServerClock
    let configuration: ServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

    var hub: PushHub { writer.hub }

    static let maxBatch = 500
    static let maxPullLimit = 1000

    func push(_ request: PushRequest, by principal: Principal) async throws -> PushResponse {
        guard principal.kind == .participant else {
            throw Problem(status: .forbidden, code: "sync.participantOnly", title: "Only participants' phones push")
        }
        guard request.deviceID == principal.deviceID.rawValue else {
            throw Problem(
                status: .forbidden,
                code: "sync.deviceMismatch",
                title: "Wrong device",
                detail: "The access token was issued to another device. Sign in on this device."
            )
        }
        guard request.mutations.count <= Self.maxBatch else {
            throw Problem(
                status: .contentTooLarge,
                code: "sync.batchTooLarge",
                title: "Too many mutations",
                detail: "Send at most \(Self.maxBatch) mutations per push."
            )
        }
        let bucket = BucketID.participant(principal.id.uuidString)
        guard Authorization.may(principal, .write, bucket) else { throw Problem.forbiddenBucket }
        // Only intents need the participant's branch (and uploads): a batch of field edits,
        // what a phone sends most, reads nothing before its one bucket transaction.
        var intents: IntentHandler?
        if request.mutations.contains(where: \.isIntent) {
            intents = try await intentHandler(for: principal)
            if request.mutations.contains(where: \.attachesDocument) {
                intents?.participantUploads = try await uploadsByID(of: Participant.ID(principal.id))
            }
        }
        let handler = intents
        let counters = request.mutations.map(\.counter)
        var load = BucketRequest(
            bucket: bucket,
            deviceID: request.deviceID,
            storedResults: counters.min().flatMap { low in counters.max().map { low...$0 } },
            keys: request.mutations.map { $0.record.canonical ?? $0.record }
        )
        // Field edits merge each record alone: only the records they name are loaded, and
        // neither the participant's account nor the ledger (only intents read them).
        if handler == nil {
            load.scope = .keys
            load.readsAccount = false
        }
        let participant = Participant.ID(principal.id)
        let at = now()
        let outcome = try await writer.write(load) { [clock] state in
            if let device = state.device, device.bucket != bucket { throw Problem.deviceOfAnotherParticipant }
            var handler = handler
            if handler != nil {
                guard let account = state.account else { throw Problem.unauthenticated }
                handler?.account = account
            }
            let last = state.device?.lastCounter ?? 0
            let planner = PushPlanner(
                bucket: bucket,
                deviceID: request.deviceID,
                lastCounter: last,
                stored: state.results,
                foreignKeys: state.foreignKeys,
                intents: handler
            )
            let plan: PushPlanner.Plan
            do {
                plan = try clock.withClock { clock, millis in
                    try planner.plan(request.mutations, records: state.records, clock: &clock, physicalMillis: millis)
                }
            } catch let failure as PushPlanner.Failure {
                throw Problem(failure)
            }
            guard plan.newLastCounter != last else { return BucketDecision(BucketChanges(), plan) }
            var changes = BucketChanges(
                writes: plan.writes,
                deviceCounter: (request.deviceID, plan.newLastCounter),
                results: plan.results.filter { $0.counter > last },
                audit: Self.auditEntries(for: plan.writes, before: state.records, by: participant, at: at)
            )
            changes.retainedUploads = Self.attachedUploads(request.mutations, results: plan.results)
            if let account = state.account, account.participant.dataUpdateCompletedAt == nil,
                Self.passesFaceCheck(request.mutations, results: plan.results)
            {
                changes.dataUpdateCompletedAt = at
            }
            return BucketDecision(changes, plan)
        }
        logger.debug(
            "push applied",
            metadata: [
                "mutations": "\(request.mutations.count)", "accepted": "\(outcome.value.acceptedCount)",
                "version": "\(outcome.cursor.map(String.init) ?? "unchanged")",
            ]
        )
        return PushResponse(results: outcome.value.results)
    }

    /// The changes after `cursor` in the buckets `principal` reads, own bucket first and claim
    /// records first within the page; a cursor behind a bucket's horizon (or ahead of its head,
    /// after a restore) answers with an explicit reset.
    func pull(cursor: SyncCursor, limit: Int, by principal: Principal) async throws -> PullResponse {
        guard (1...Self.maxPullLimit).contains(limit) else {
            throw Problem.validation([ValueError(code: "limit.range", field: "limit", message: "limit is 1 to \(Self.maxPullLimit).")])
        }
        let buckets = Authorization.readableBuckets(of: principal)
        guard var positions = try cursors.positions(of: cursor, in: buckets) else {
            return PullResponse(changes: [], cursor: .start, hasMore: true, reset: true)
        }
        let heads = try await store.heads(of: buckets)
        for (bucket, position) in zip(buckets, positions) where position > 0 {
            guard let head = heads[bucket], position >= head.horizon, position <= head.version else {
                return PullResponse(changes: [], cursor: .start, hasMore: true, reset: true)
            }
        }
        let page = try await store.changes(after: Array(zip(buckets, positions)), limit: limit)
        for entry in page.entries {
            if let index = buckets.firstIndex(of: entry.bucket) { positions[index] = max(positions[index], entry.change.seq) }
        }
        // A bucket pulled to its end is at its head, even when its newest change left no record
        // (a purged tombstone): the cursor then equals the head a poke carries.
        for (index, bucket) in buckets.enumerated() where page.complete.contains(bucket) {
            positions[index] = max(positions[index], heads[bucket]?.version ?? 0)
        }
        // Claim status first: a phone applying the page in order shows status before anything else.
        let ordered = page.entries.map(\.change).enumerated().sorted { a, b in
            let pa = a.element.record.key.type == Claim.syncSchema.type ? 0 : 1
            let pb = b.element.record.key.type == Claim.syncSchema.type ? 0 : 1
            return (pa, a.offset) < (pb, b.offset)
        }.map(\.element)
        return PullResponse(changes: ordered, cursor: cursors.cursor(positions, in: buckets), hasMore: page.hasMore)
    }

    /// The cursor a poke carries: the newest position of every bucket `principal` reads.
    func head(for principal: Principal) async throws -> SyncCursor {
        let buckets = Authorization.readableBuckets(of: principal)
        let heads = try await store.heads(of: buckets)
        return cursors.cursor(buckets.map { heads[$0]?.version ?? 0 }, in: buckets)
    }

    /// Creates a participant's bucket (their contact-details record) if it does not exist yet,
    /// and brings the membership statement in line with the account and its ledger.
    func provision(_ account: ParticipantAccount) async throws {
        let bucket = BucketID.participant(account.participant.id.rawValue.uuidString)
        let profile = ParticipantProfile(
            participantID: account.participant.id,
            phone: account.participant.phone,
            email: account.participant.email
        )
        let key = RecordKey(type: ParticipantProfile.syncSchema.type, id: profile.recordID)
        _ = try await writer.write(BucketRequest(bucket: bucket)) { [clock] state in
            var draft = BucketDraft(state, clock: clock)
            if draft[key] == nil { try draft.create(profile) }
            try draft.refreshMembership(state.account ?? account, ledger: state.ledger)
            return BucketDecision(draft.changes, ())
        }
    }

    /// Publishes branches into the reference bucket when they changed.
    func publishReference(_ branches: [Branch]) async throws {
        _ = try await writer.write(BucketRequest(bucket: .reference)) { [clock] state in
            var draft = BucketDraft(state, clock: clock)
            for branch in branches {
                let key = RecordKey(type: Branch.syncSchema.type, id: branch.recordID)
                if let existing = draft[key], (try? existing.decode(as: Branch.self)) == branch { continue }
                draft.put(try SyncRecord.make(branch, clock: clock.tick(), tag: "reference"))
            }
            return BucketDecision(draft.changes, ())
        }
    }

    func intentHandler(for principal: Principal) async throws -> IntentHandler {
        guard let account = try await store.account(id: Participant.ID(principal.id)) else { throw Problem.unauthenticated }
        guard let branch = try await store.branch(id: account.participant.branchID) else { throw Problem.internalError }
        return IntentHandler(
            account: account,
            branch: branch,
            rules: configuration.rules,
            uploads: configuration.uploads,
            now: now(),
            biometric: configuration.biometric
        )
    }
}

extension Problem {
    static let forbiddenBucket = Problem(status: .forbidden, code: "sync.forbidden", title: "Not your records")

    static let deviceOfAnotherParticipant = Problem(
        status: .forbidden,
        code: "sync.deviceOfAnotherParticipant",
        title: "This device belongs to someone else",
        detail: "Reinstall the app to sync this device for another participant."
    )

    /// The device skipped counters: resend the outbox from `expected`.
    static func counterGap(expected: Int64) -> Problem {
        Problem(
            status: .conflict,
            code: "sync.counterGap",
            title: "Mutations arrived out of order",
            detail: "Resend your pending changes starting at counter \(expected).",
            extra: ["expectedCounter": .int(expected)]
        )
    }

    /// A push the planner refused as a whole.
    init(_ failure: PushPlanner.Failure) {
        switch failure {
        case .counterGap(let expected):
            self = .counterGap(expected: expected)
        case .malformedBatch(let detail):
            self.init(status: .badRequest, code: "sync.malformedBatch", title: "The batch is not valid", detail: detail)
        }
    }
}
