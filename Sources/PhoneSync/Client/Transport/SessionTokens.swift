import Sync
import Synchronization

/// The tokens of one signed-in device, with a refresh that concurrent callers share.
///
/// The server's refresh token works once: the refresh answers with a new pair and retires the
/// old token, and a retired token presented again revokes the whole family (it looks stolen).
/// A phone easily has several requests answered 401 at the same moment (a push, the live
/// stream, an upload), so every transport keeps its tokens here: the first caller rotates,
/// the others wait for that rotation's answer instead of sending the used token a second time.
public final class SessionTokens: Sendable {
    /// An access token and the refresh token that renews it.
    public struct Pair: Hashable, Sendable, Codable {
        /// The bearer token requests carry (short-lived).
        public var accessToken: String
        /// The one-use token that gets the next pair.
        public var refreshToken: String

        /// A pair of tokens as the server issued them.
        public init(accessToken: String, refreshToken: String) {
            self.accessToken = accessToken
            self.refreshToken = refreshToken
        }
    }

    private let tokens: Mutex<Pair>
    /// The rotation under way, which concurrent callers share.
    private let inFlight = Mutex<Task<String, any Error>?>(nil)
    private let rotate: @Sendable (_ refreshToken: String) async throws -> Pair
    private let rotated: @Sendable (Pair) -> Void

    /// Tokens that renew themselves with `rotate`.
    ///
    /// - Parameters:
    ///   - pair: the tokens from sign-in (or from the keychain after a restart).
    ///   - rotate: exchanges a refresh token for a new pair (`POST /v1/auth/refresh`).
    ///   - rotated: called with every new pair, so the app can keep it (in the keychain) and
    ///     still be signed in after it is killed.
    public init(
        _ pair: Pair,
        rotate: @escaping @Sendable (_ refreshToken: String) async throws -> Pair,
        rotated: @escaping @Sendable (Pair) -> Void = { _ in }
    ) {
        self.tokens = Mutex(pair)
        self.rotate = rotate
        self.rotated = rotated
    }

    /// The tokens held now.
    public var current: Pair { tokens.withLock { $0 } }

    /// Rotates the refresh token for a new access token and returns it. Callers that ask
    /// while a rotation is under way get its answer instead of sending the used token again.
    public func refresh() async throws -> String {
        let task = inFlight.withLock { current in
            if let current { return current }
            let task = Task { try await self.rotateOnce() }
            current = task
            return task
        }
        defer { inFlight.withLock { if $0 == task { $0 = nil } } }
        return try await task.value
    }

    private func rotateOnce() async throws -> String {
        let next = try await rotate(tokens.withLock { $0.refreshToken })
        tokens.withLock { $0 = next }
        rotated(next)
        return next.accessToken
    }
}
