import Foundation
import HTTPTypes
import Logging

/// What each client address has used of its sign-in limits, in memory (per process).
final class AddressLimits: Sendable {
    /// `nil` where the limit is off.
    let codeRequests: AddressLimiter?
    let wrongCodes: AddressLimiter?

    init(_ limits: SignInService.Limits) {
        codeRequests = limits.codeRequestsPerAddress.map(AddressLimiter.init)
        wrongCodes = limits.wrongCodesPerAddress.map(AddressLimiter.init)
    }
}

// The limits around one-time codes: per identity (progressive lock-out, in the store, so every
// process and a restart see it) and per client address (in memory).
extension SignInService {
    /// A code request from `address`; refused when the address asked too often. An unknown
    /// address (in-process callers) has no limit.
    func admitCodeRequest(from address: String?) throws(Problem) {
        guard let address, let wait = addresses.codeRequests?.take(address, at: now()) else { return }
        logger.notice("sign-in codes refused to an address asking too often")
        throw Problem.addressLimited(wait: wait)
    }

    /// An exchange from `address`; refused while the address has used up its wrong codes.
    func admitExchange(from address: String?) throws(Problem) {
        guard let address, let wait = addresses.wrongCodes?.wait(address, at: now()) else { return }
        throw Problem.addressLimited(wait: wait)
    }

    /// Refused while `principal` is locked out.
    func checkLockout(_ principal: PrincipalRef, at now: Date) async throws {
        guard let until = limits.lockout.lockedUntil(try await store.lockout(of: principal), at: now) else { return }
        throw Problem.lockedOut(until: until, now: now)
    }

    /// Counts a wrong code (or an unknown challenge) against the identity, its challenge and
    /// the address, and returns the problem to answer with: 429 when this one locks the identity
    /// out, else 401 `auth.invalidCode`.
    func wrongCode(challenge: SignInChallengeRecord?, from address: String?) async throws -> Problem {
        let at = now()
        if let address { _ = addresses.wrongCodes?.take(address, at: at) }
        guard let challenge else { return .invalidCode }
        _ = try await store.recordFailedAttempt(challengeID: challenge.id)
        let state = try await store.recordWrongCode(of: challenge.principal, policy: limits.lockout, at: at)
        guard let until = limits.lockout.lockedUntil(state, at: at) else { return .invalidCode }
        logger.notice(
            "sign-in locked out after wrong codes",
            metadata: ["kind": "\(challenge.principal.kind)", "failures": "\(state.failures)"]
        )
        return .lockedOut(until: until, now: at)
    }
}

extension Problem {
    /// The code does not match (or the challenge is unknown, or of another device).
    static let invalidCode = Problem(
        status: .unauthorized,
        code: "auth.invalidCode",
        title: "The code is not right",
        detail: "Check the six-digit code in the message and try again, or ask for a new code."
    )

    /// Too many wrong codes for this person: locked until `until`.
    static func lockedOut(until: Date, now: Date) -> Problem {
        tooMany(
            "auth.lockedOut",
            "Too many wrong codes",
            wait: until.timeIntervalSince(now),
            detail: { "Signing in is paused for \($0) after too many wrong codes. Then ask for a new code." }
        )
    }

    /// Too many attempts from one client address.
    static func addressLimited(wait: TimeInterval) -> Problem {
        tooMany(
            "auth.addressLimited",
            "Too many sign-in attempts",
            wait: wait,
            detail: { "Too many sign-in attempts came from this network. Try again in \($0)." }
        )
    }

    /// A 429 whose `Retry-After` and detail name the wait.
    static func tooMany(_ code: String, _ title: String, wait: TimeInterval, detail: (String) -> String) -> Problem {
        let seconds = Int(wait.rounded(.up))
        return Problem(
            status: .tooManyRequests,
            code: code,
            title: title,
            detail: detail(duration(seconds)),
            headers: [.retryAfter: "\(seconds)"]
        )
    }

    /// `45 seconds`, `5 minutes`, `4 hours`, as a person reads it.
    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<90: "\(seconds) seconds"
        case ..<(90 * 60): "\((seconds + 59) / 60) minutes"
        default: "\((seconds + 3599) / 3600) hours"
        }
    }
}
