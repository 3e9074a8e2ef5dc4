import Foundation
import Logging
import Models
import ServiceLifecycle
import Sync

/// Watches every open claim's SLA and keeps participants told: a notice when a claim falls at
/// risk, and updates at the configured interval while a problem stays open. Notices land in
/// the participant's bucket through the change log, so phones get them by poke and pull.
///
/// Runs as a `Service` in the application's service group; tests call ``tick(now:)``.
struct SLAMonitor: Service {
    let store: any Store
    let writer: BucketWriter
    let clock: ServerClock
    let configuration: ServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date
    /// The clock the monitor's turns wait on (a simulated one runs them as it is advanced).
    var serviceClock: ServiceClock = .system
    let composer = NoticeComposer()

    var planner: NoticePlanner {
        NoticePlanner(
            policy: configuration.sla,
            calendar: configuration.calendar,
            updateInterval: configuration.office.problemUpdateInterval
        )
    }

    func run() async throws {
        let interval = configuration.office.monitorInterval
        await cancelWhenGracefulShutdown {
            for await _ in serviceClock.ticks(every: .seconds(interval)) {
                do {
                    let sent = try await tick(now: now())
                    if !sent.isEmpty { logger.info("SLA notices sent", metadata: ["count": "\(sent.count)"]) }
                } catch {
                    logger.error("SLA monitor tick failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        }
    }

    /// Looks at every open claim once and sends the notices due at `now`.
    /// - Returns: the notices written.
    @discardableResult
    func tick(now: Date) async throws -> [ParticipantNotification] {
        let branches = Dictionary(try await store.branches().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byBucket: [BucketID: [(OfficeClaim, NoticePlanner.Due, Branch)]] = [:]
        for office in try await store.openClaims() {
            guard let branch = branches[office.claim.branchID], let due = planner.due(for: office, branch: branch, at: now) else {
                continue
            }
            byBucket[.participant(office.claim.participantID.rawValue.uuidString), default: []].append((office, due, branch))
        }
        var sent: [ParticipantNotification] = []
        for (bucket, plans) in byBucket.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            sent += try await deliver(plans, to: bucket, at: now)
        }
        return sent
    }

    func deliver(
        _ plans: [(OfficeClaim, NoticePlanner.Due, Branch)],
        to bucket: BucketID,
        at now: Date
    ) async throws
        -> [ParticipantNotification]
    {
        let composer = composer
        return try await writer.write(BucketRequest(bucket: bucket)) { [clock] state in
            var draft = BucketDraft(state, clock: clock)
            var notices: [ParticipantNotification] = []
            for (office, due, branch) in plans {
                let key = RecordKey(type: ParticipantNotification.syncSchema.type, id: due.id.rawValue.uuidString)
                if draft[key] != nil { continue }  // Already sent by another process or tick.
                let context = NoticeComposer.Context(claim: office.claim, branch: branch, sla: due.sla, cause: due.cause)
                let notice = composer.notice(due.kind, context, id: due.id, at: now)
                notices.append(notice)
                try draft.create(notice)
            }
            return BucketDecision(draft.changes, notices)
        }.value
    }
}
