import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Push, pull and provisioning of buckets: loads what a push needs, plans it without I/O
/// (``PushPlanner``), commits the plan in one transaction, and pokes subscribers.
struct SyncService: Sendable {
    let store: any Store
    let clock: ServerClock
    let hub: PushHub
    let configuration: ServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date

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
        for attempt in 1...5 {
            let device = try await store.deviceState(request.deviceID)
            if let device, device.bucket != bucket {
                throw Problem(
                    status: .forbidden,
                    code: "sync.deviceOfAnotherParticipant",
                    title: "This device belongs to someone else",
                    detail: "Reinstall the app to sync this device for another participant."
                )
            }
            let last = device?.lastCounter ?? 0
            let replayed = request.mutations.map(\.counter).filter { $0 <= last }
            let stored =
                try await replayed.isEmpty
                ? [:] : store.results(deviceID: request.deviceID, counters: replayed.min()!...replayed.max()!)
            let snapshot = try await store.snapshot(of: bucket)
            var handler = try await intentHandler(for: principal)
            if request.mutations.contains(where: \.attachesDocument) {
                handler.participantUploads = try await uploadsByID(of: Participant.ID(principal.id))
            }
            let foreign = try await store.keys(request.mutations.filter { $0.counter > last }.map(\.record), ownedOutside: bucket)
            let planner = PushPlanner(
                bucket: bucket,
                deviceID: request.deviceID,
                lastCounter: last,
                stored: stored,
                foreignKeys: foreign,
                intents: handler
            )
            let plan: PushPlanner.Plan
            do {
                plan = try clock.withClock { clock, millis in
                    try planner.plan(request.mutations, snapshot: snapshot, clock: &clock, physicalMillis: millis)
                }
            } catch let failure as PushPlanner.Failure {
                switch failure {
                case .counterGap(let expected):
                    throw Problem.counterGap(expected: expected)
                case .malformedBatch(let detail):
                    throw Problem(status: .badRequest, code: "sync.malformedBatch", title: "The batch is not valid", detail: detail)
                }
            }
            if plan.newLastCounter == last {
                return PushResponse(results: plan.results, cursor: try await store.currentCursor())
            }
            let commit = BucketCommit(
                bucket: bucket,
                expectedVersion: snapshot.version,
                device: (request.deviceID, device?.lastCounter, plan.newLastCounter),
                writes: plan.writes,
                results: plan.results.filter { $0.counter > last }
            )
            let audit = Self.auditEntries(for: plan.writes, before: snapshot, by: Participant.ID(principal.id), at: now())
            switch try await store.commit(commit, audit: audit) {
            case .committed(let cursor):
                if !plan.writes.isEmpty { hub.publish(bucket: bucket, cursor: cursor) }
                await retainAttachedUploads(request.mutations, results: plan.results)
                try await completeDataUpdate(request.mutations, results: plan.results, participant: Participant.ID(principal.id))
                logger.debug(
                    "push applied",
                    metadata: ["mutations": "\(request.mutations.count)", "accepted": "\(plan.acceptedCount)", "cursor": "\(cursor)"]
                )
                return PushResponse(results: plan.results, cursor: cursor)
            case .conflict:
                logger.debug("push conflict, re-planning", metadata: ["attempt": "\(attempt)"])
                continue
            }
        }
        throw Problem.unavailable
    }

    func pull(cursor: Int64, limit: Int, by principal: Principal) async throws -> PullResponse {
        guard cursor >= 0 else {
            throw Problem.validation([ValueError(code: "cursor.range", field: "cursor", message: "A cursor is 0 or more.")])
        }
        guard (1...Self.maxPullLimit).contains(limit) else {
            throw Problem.validation([ValueError(code: "limit.range", field: "limit", message: "limit is 1 to \(Self.maxPullLimit).")])
        }
        if cursor > 0, cursor < (try await store.retentionHorizon()) {
            return PullResponse(changes: [], cursor: 0, hasMore: true, reset: true)
        }
        let page = try await store.changes(in: Authorization.readableBuckets(of: principal), after: cursor, limit: limit)
        let next = page.changes.last?.seq ?? cursor
        // Claim status first: a phone applying the page in order shows status before anything else.
        let ordered = page.changes.enumerated().sorted { a, b in
            let pa = a.element.record.key.type == Claim.syncSchema.type ? 0 : 1
            let pb = b.element.record.key.type == Claim.syncSchema.type ? 0 : 1
            return (pa, a.offset) < (pb, b.offset)
        }.map(\.element)
        return PullResponse(changes: ordered, cursor: next, hasMore: page.hasMore)
    }

    /// Creates a participant's bucket (their contact-details record) if it does not exist yet.
    func provision(_ account: ParticipantAccount) async throws {
        let bucket = BucketID.participant(account.participant.id.rawValue.uuidString)
        for _ in 1...5 {
            let snapshot = try await store.snapshot(of: bucket)
            let profile = ParticipantProfile(
                participantID: account.participant.id,
                phone: account.participant.phone,
                email: account.participant.email
            )
            let key = RecordKey(type: ParticipantProfile.syncSchema.type, id: profile.recordID)
            if snapshot.records[key] != nil { return }
            let record = try SyncRecord.make(profile, clock: clock.tick(), tag: "provision")
            let commit = BucketCommit(bucket: bucket, expectedVersion: snapshot.version, device: nil, writes: [record], results: [])
            if case .committed(let cursor) = try await store.commit(commit) {
                hub.publish(bucket: bucket, cursor: cursor)
                return
            }
        }
    }

    /// Publishes branches into the reference bucket when they changed.
    func publishReference(_ branches: [Branch]) async throws {
        for _ in 1...5 {
            let snapshot = try await store.snapshot(of: .reference)
            var writes: [SyncRecord] = []
            for branch in branches {
                let key = RecordKey(type: Branch.syncSchema.type, id: branch.recordID)
                if let existing = snapshot.records[key], (try? existing.decode(as: Branch.self)) == branch { continue }
                writes.append(try SyncRecord.make(branch, clock: clock.tick(), tag: "reference"))
            }
            if writes.isEmpty { return }
            let commit = BucketCommit(bucket: .reference, expectedVersion: snapshot.version, device: nil, writes: writes, results: [])
            if case .committed(let cursor) = try await store.commit(commit) {
                hub.publish(bucket: .reference, cursor: cursor)
                return
            }
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
}
