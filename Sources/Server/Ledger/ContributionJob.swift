import Foundation
import Logging
import Models

/// The monthly contributions job, run on the service's database beside the service: each
/// member's contribution is one ledger entry, posted in its own bucket transaction with the
/// membership statement the phones sync (``LedgerService``), `concurrency` at a time. On
/// PostgreSQL every commit is announced, so every server process pokes the member's phones;
/// on SQLite only the phones of this process's hub hear it, so there the job belongs in the
/// server's process.
public struct ContributionJob: Sendable {
    /// One member's contribution for one month.
    public struct Credit: Hashable, Sendable {
        /// The posting's id: posting it again changes nothing, so a failed run is simply run again.
        public var id: UUID
        public var participantID: Participant.ID
        public var amount: Rupiah
        /// The month, `YYYY-MM`.
        public var period: String
        public var employer: String

        public init(id: UUID, participantID: Participant.ID, amount: Rupiah, period: String, employer: String) {
            self.id = id
            self.participantID = participantID
            self.amount = amount
            self.period = period
            self.employer = employer
        }
    }

    /// What a run did.
    public struct Summary: Hashable, Sendable {
        public var posted = 0
        public var alreadyPosted = 0
        public var refused = 0
    }

    let ledger: LedgerService

    /// A job on `store`, with the service's clock reading `now`.
    public init(store: any Store, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        let writer = BucketWriter(store: store, hub: PushHub(), logger: logger)
        ledger = LedgerService(writer: writer, clock: ServerClock(now: now), logger: logger, now: now)
    }

    /// Posts every credit, `concurrency` at a time, reporting progress after each thousand.
    public func run(
        _ credits: [Credit],
        concurrency: Int = 8,
        progress: @escaping @Sendable (_ done: Int) -> Void = { _ in }
    ) async throws -> Summary {
        let postings = credits.map { credit in
            LedgerService.Posting(
                id: LedgerEntry.ID(credit.id),
                participantID: credit.participantID,
                amount: credit.amount,
                source: .contribution(period: credit.period, employer: credit.employer)
            )
        }
        var summary = Summary()
        for outcome in try await ledger.post(postings, concurrency: concurrency, progress: progress) {
            switch outcome {
            case .posted: summary.posted += 1
            case .alreadyPosted: summary.alreadyPosted += 1
            case .refused: summary.refused += 1
            }
        }
        return summary
    }
}
