import Foundation

extension BiometricPolicy {
    /// Whether the attempts of one claim call for a fallback ticket: `failuresBeforeFallback`
    /// failed attempts in a row (ordered by when they were made; a passed attempt in between
    /// breaks the row) made within `windowSeconds` of each other.
    ///
    /// The answer depends only on the set of attempts, never on the order they arrived in or
    /// on how often one was reported, so replayed or reordered reports reach the same decision.
    public func callsForFallback(_ attempts: some Sequence<BiometricAttempt>) -> Bool {
        let needed = max(1, failuresBeforeFallback)
        let distinct = Dictionary(attempts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }).values
        let ordered = distinct.sorted { ($0.attemptedAt, $0.id.rawValue.uuidString) < ($1.attemptedAt, $1.id.rawValue.uuidString) }
        var run: [Date] = []
        for attempt in ordered {
            guard attempt.result == .failed else {
                run.removeAll()
                continue
            }
            run.append(attempt.attemptedAt)
            if run.count >= needed, run[run.count - 1].timeIntervalSince(run[run.count - needed]) <= Double(windowSeconds) {
                return true
            }
        }
        return false
    }
}
