import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Posts entries to participants' ledgers: employers' monthly contributions, the yearly
/// returns, corrections. Each posting is one bucket transaction (the entry and the membership
/// statement the phone syncs), so the participant's phones are poked with the new balance.
/// A posting carries its own id: posting it again changes nothing, so a job can be retried.
struct LedgerService: Sendable {
    let writer: BucketWriter
    let clock: ServerClock
    let logger: Logger
    let now: @Sendable () -> Date

    /// One entry to post.
    struct Posting: Hashable, Sendable {
        var id: LedgerEntry.ID
        var participantID: Participant.ID
        var amount: Rupiah
        var source: LedgerEntry.Source
    }

    /// What became of a posting.
    enum Outcome: Hashable, Sendable {
        /// Appended; the balance after it.
        case posted(balance: Rupiah)
        /// An entry with this id was posted before: nothing changed.
        case alreadyPosted
        /// Refused with a reason; nothing changed.
        case refused(Problem)
    }

    /// Posts one entry, unless `allowed` refuses the participant's account (say, another branch's).
    func post(_ posting: Posting, allowed: @escaping @Sendable (ParticipantAccount) -> Problem? = { _ in nil }) async throws -> Outcome {
        if let problem = Self.check(posting) { return .refused(problem) }
        let at = now()
        let bucket = BucketID.participant(posting.participantID.rawValue.uuidString)
        return try await writer.write(BucketRequest(bucket: bucket)) { [clock] state in
            guard let account = state.account else { return BucketDecision(BucketChanges(), .refused(Problem.participantUnknown)) }
            if let problem = allowed(account) { return BucketDecision(BucketChanges(), .refused(problem)) }
            if state.ledger.entries.contains(where: { $0.id == posting.id }) { return BucketDecision(BucketChanges(), .alreadyPosted) }
            let entry = LedgerEntry(
                id: posting.id,
                participantID: posting.participantID,
                amount: posting.amount,
                source: posting.source,
                at: at
            )
            var draft = BucketDraft(state, clock: clock)
            try draft.post([entry], account: account, ledger: state.ledger)
            return BucketDecision(draft.changes, .posted(balance: state.ledger.balance + posting.amount))
        }.value
    }

    /// Posts many entries, `concurrency` at a time (the monthly contributions job), reporting
    /// progress after each thousand.
    func post(
        _ postings: [Posting],
        concurrency: Int = 8,
        progress: @escaping @Sendable (_ done: Int) -> Void = { _ in }
    ) async throws -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: postings.count)
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func start() {
                guard next < postings.count else { return }
                let index = next
                next += 1
                group.addTask { (index, try await post(postings[index])) }
            }
            for _ in 0..<max(1, concurrency) { start() }
            var done = 0
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                done += 1
                if done.isMultiple(of: 1000) { progress(done) }
                start()
            }
        }
        return outcomes.map { $0! }
    }

    /// What a posting may be: contributions credit, corrections and returns may go either way;
    /// openings and claim payments are the server's own.
    static func check(_ posting: Posting) -> Problem? {
        switch posting.source {
        case .contribution(let period, let employer):
            guard posting.amount > .zero else { return .postingInvalid("A contribution credits a positive amount.") }
            guard Self.isPeriod(period) else { return .postingInvalid("A contribution's period is a month, YYYY-MM.") }
            guard !employer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, employer.count <= 200 else {
                return .postingInvalid("A contribution names its employer (at most 200 characters).")
            }
        case .returns(let year):
            guard posting.amount != .zero, (2000...2100).contains(year) else {
                return .postingInvalid("Returns are a non-zero amount for a year from 2000 to 2100.")
            }
        case .correction(let reason):
            guard posting.amount != .zero else { return .postingInvalid("A correction changes the balance.") }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, reason.count <= 500 else {
                return .postingInvalid("A correction says why (at most 500 characters).")
            }
        case .openingBalance, .claimPayment:
            return .postingInvalid("Opening balances and claim payments are posted by the service itself.")
        }
        return nil
    }

    static func isPeriod(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else {
            return false
        }
        return (2000...2100).contains(year) && (1...12).contains(month)
    }
}

extension Problem {
    static let participantUnknown = Problem(status: .notFound, code: "participant.notFound", title: "No such participant")

    static func postingInvalid(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "ledger.postingInvalid", title: "This posting is not valid", detail: detail)
    }
}
