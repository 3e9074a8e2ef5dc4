import Foundation
import Models
import Sync
import Synchronization

/// What the phones, officers and network saw, collected while the run goes (thread-safe).
/// ``results(...)`` turns it into the ``RunResults`` the report prints.
final class RunMetrics: Sendable {
    struct State: Sendable {
        var requests: [String: Int] = [:]
        var requestTotal = 0
        var faults = FaultFigures()
        var fallback = FallbackFigures()
        var rejections: [String: Int] = [:]
        var conflicts: [String: Int] = [:]
        var outcomes: [String: Int] = [:]
        var bytes: [Int: Int] = [:]
        /// When an officer's action gave a claim a status: `claimID/status` → when the request started.
        var officerActions: [String: Date] = [:]
        /// Keys a phone already reported, so a second phone or a second look does not count twice.
        var seenStatus: Set<String> = []
        var latencies: [Double] = []
        var pulls: [Double] = []
        var submitted = 0
        var paid = 0
        var finished = 0
        var finals = 0
        var pokes = 0
        var secondPhones = 0
        var divergences: [String] = []
        var missing: [String] = []
        var timeline: [TimelineSample] = []
        var claims: [String: Int] = [:]
        var paidClaims = 0
        var paidWithinSLA = 0
        var openPastDue = 0
    }

    let state = Mutex(State())
    let started = Date()

    /// Counts a request by route family and status class; a 401 (an access token that expired,
    /// refreshed and sent again) on its own, apart from the other 4xx refusals.
    func request(_ family: String, status: Int) {
        let bucket = status == 0 ? "network" : status == 401 ? "401" : "\(status / 100)xx"
        state.withLock {
            $0.requests["\(family) \(bucket)", default: 0] += 1
            $0.requestTotal += 1
        }
    }

    func bytes(_ count: Int, participant: Int) { state.withLock { $0.bytes[participant, default: 0] += count } }

    func fault(_ change: @Sendable (inout FaultFigures) -> Void) { state.withLock { change(&$0.faults) } }

    func fallback(_ change: @Sendable (inout FallbackFigures) -> Void) { state.withLock { change(&$0.fallback) } }

    /// Counts what the server said about pushed mutations: conflicts by merge policy and
    /// rejections by code.
    func pushResults(_ results: [MutationResult]) {
        state.withLock { state in
            for result in results {
                switch result.outcome {
                case .applied: break
                case .merged(let superseded): state.conflicts["lastWriterWins", default: 0] += max(superseded.count, 1)
                case .rejected(let rejection):
                    state.rejections[rejection.code, default: 0] += 1
                    switch rejection.code {
                    case "field.locked": state.conflicts["lockedAfterState", default: 0] += 1
                    case "field.serverOwned": state.conflicts["serverOwned", default: 0] += 1
                    case "field.appendOnly": state.conflicts["appendOnly", default: 0] += 1
                    default: break
                    }
                }
            }
        }
    }

    /// An officer's request that gave `claim` the status `status` started at `at`.
    func officerSet(claim: UUID, status: String, at date: Date) {
        state.withLock { $0.officerActions["\(claim)/\(status)"] = date }
    }

    /// A phone shows `claim` with `status` now; the first phone to show it gives the latency.
    func phoneSaw(claim: UUID, status: String, at date: Date = Date()) {
        let key = "\(claim)/\(status)"
        state.withLock { state in
            guard let acted = state.officerActions[key], state.seenStatus.insert(key).inserted else { return }
            state.latencies.append(date.timeIntervalSince(acted) * 1000)
        }
    }

    /// The back office found a mismatch (`name`, `birthDate`, `nik`, `balance`) and rejected the claim.
    func verificationFailed(_ check: String) { state.withLock { $0.rejections["office: verification \(check)", default: 0] += 1 } }

    /// One pull's HTTP round trip took `millis` (the baseline for status latency).
    func pullTook(_ millis: Double) { state.withLock { $0.pulls.append(millis) } }

    func poked() { state.withLock { $0.pokes += 1 } }
    func submitted() { state.withLock { $0.submitted += 1 } }
    func paid() { state.withLock { $0.paid += 1 } }
    func finalStatus() { state.withLock { $0.finals += 1 } }
    func secondPhone() { state.withLock { $0.secondPhones += 1 } }

    func journeyEnded(_ outcome: String) {
        state.withLock {
            $0.outcomes[outcome, default: 0] += 1
            $0.finished += 1
        }
    }

    /// A journey's claim as the server holds it at the end: its state, and whether it kept
    /// the service level (paid by the due date; open and not yet past it).
    func claimEnded(_ claim: Claim, now: Date = Date()) {
        let today = LocalDate(now, in: .wib)
        let due = claim.sla.dueDate(zone: .wib, calendar: .indonesia)
        state.withLock { state in
            state.claims[claim.status.rawValue, default: 0] += 1
            if claim.status == .paid {
                state.paidClaims += 1
                if due.map({ today <= $0 }) ?? true { state.paidWithinSLA += 1 }
            } else if !claim.status.isFinal, let due, due < today {
                state.openPastDue += 1
            }
        }
    }

    func divergence(_ line: String) { state.withLock { $0.divergences.append(line) } }
    func missingAcknowledged(_ line: String) { state.withLock { $0.missing.append(line) } }

    /// Adds a point to the claims-over-time plot.
    func sample() {
        let seconds = Date().timeIntervalSince(started)
        state.withLock { state in
            state.timeline.append(
                TimelineSample(
                    seconds: seconds,
                    submitted: state.submitted,
                    paid: state.paid,
                    inOffice: max(0, state.submitted - state.finals),
                    fallbackTickets: state.fallback.ticketsOpened
                )
            )
        }
    }

    /// Live figures for the progress line.
    var progress: (finished: Int, requests: Int, pokes: Int, submitted: Int, paid: Int, problems: Int) {
        state.withLock { ($0.finished, $0.requestTotal, $0.pokes, $0.submitted, $0.paid, $0.divergences.count + $0.missing.count) }
    }
}
