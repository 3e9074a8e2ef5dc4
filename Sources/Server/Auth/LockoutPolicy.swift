import Foundation

/// How wrong one-time codes lock an identity (a participant or an officer) out, more each time:
/// every ``failuresPerStep`` wrong codes lock it for the next of ``steps`` (1 minute, 5 minutes,
/// 15 minutes, 1 hour, 4 hours, then a day each time). The count is forgotten only after
/// ``forgetAfter`` without a wrong code and without a lock-out; a right code clears it.
///
/// Against a guesser that is at most 30 guesses in the first day and 5 a day after (a code is
/// six digits), where the challenge limits alone allowed about 2,400 a day. A person who mistypes
/// five times waits a minute.
public struct LockoutPolicy: Sendable, Hashable {
    public var failuresPerStep: Int
    public var steps: [TimeInterval]
    public var forgetAfter: TimeInterval

    public init(
        failuresPerStep: Int = 5,
        steps: [TimeInterval] = [60, 300, 900, 3600, 4 * 3600, 86_400],
        forgetAfter: TimeInterval = 86_400
    ) {
        self.failuresPerStep = failuresPerStep
        self.steps = steps
        self.forgetAfter = forgetAfter
    }

    /// The state after one more wrong code at `now`.
    public func afterFailure(_ state: LockoutState?, at now: Date) -> LockoutState {
        var failures = state.map { forgotten($0, at: now) ? 0 : $0.failures } ?? 0
        failures += 1
        var lockedUntil = state?.lockedUntil
        if failures.isMultiple(of: failuresPerStep) {
            let step = min(failures / failuresPerStep - 1, steps.count - 1)
            lockedUntil = now.addingTimeInterval(steps[step])
        }
        return LockoutState(failures: failures, lockedUntil: lockedUntil, lastFailureAt: now)
    }

    /// Until when the identity is locked out at `now`; `nil` when it is not.
    public func lockedUntil(_ state: LockoutState?, at now: Date) -> Date? {
        guard let until = state?.lockedUntil, until > now else { return nil }
        return until
    }

    private func forgotten(_ state: LockoutState, at now: Date) -> Bool {
        let quietSince = max(state.lastFailureAt, state.lockedUntil ?? state.lastFailureAt)
        return now.timeIntervalSince(quietSince) >= forgetAfter
    }
}

/// An identity's wrong codes, as the store keeps them.
public struct LockoutState: Hashable, Sendable {
    /// Wrong codes since the count was last cleared or forgotten.
    public var failures: Int
    /// The end of the latest lock-out, if there was one.
    public var lockedUntil: Date?
    public var lastFailureAt: Date

    public init(failures: Int, lockedUntil: Date?, lastFailureAt: Date) {
        self.failures = failures
        self.lockedUntil = lockedUntil
        self.lastFailureAt = lastFailureAt
    }
}
