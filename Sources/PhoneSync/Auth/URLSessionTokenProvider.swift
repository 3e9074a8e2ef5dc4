import APIClient
import APITypes
import Foundation
import Sync

/// The phone's tokens: signed in through the typed client over URLSession, refreshed with
/// the rotating refresh token, one rotation shared by every caller that hits a 401 at the
/// same moment (see `SessionTokens`).
///
/// ```swift
/// let tokens = try await URLSessionTokenProvider.signIn(server: server, nik: nik, kpj: kpj, deviceID: deviceID) {
///     await codeTheParticipantTypes()
/// }
/// keychain.save(tokens.session.current)   // and again in `rotated`
/// ```
public final class URLSessionTokenProvider: TokenProvider {
    /// The device the tokens are bound to.
    public let deviceID: String
    /// The tokens, refreshed once for all concurrent callers.
    public let session: SessionTokens

    /// Tokens the app already holds (from the keychain after a restart).
    ///
    /// - Parameters:
    ///   - server: the service.
    ///   - deviceID: the device the tokens were issued to.
    ///   - tokens: the pair.
    ///   - rotated: called with every new pair, to keep it.
    public init(
        server: ServerAddress,
        deviceID: String,
        tokens: SessionTokens.Pair,
        rotated: @escaping @Sendable (SessionTokens.Pair) -> Void = { _ in }
    ) {
        let api = JHTClient.make(serverURL: server.baseURL, session: server.session)
        self.deviceID = deviceID
        self.session = SessionTokens(
            tokens,
            rotate: { refreshToken in
                let output = try await api.refreshTokens(body: .json(.init(refreshToken: refreshToken, deviceId: deviceID)))
                switch output {
                case .ok(let ok): return try Self.pair(ok.body.json)
                case .badRequest(let problem), .unauthorized(let problem), .contentTooLarge(let problem): throw Rejection(problem)
                case .undocumented(let status, _): throw Rejection(status: status)
                }
            },
            rotated: rotated
        )
    }

    /// The current access token (possibly expired).
    public func accessToken() async throws -> String { session.current.accessToken }

    /// A new access token after a 401; concurrent callers share one rotation.
    public func refresh() async throws -> String { try await session.refresh() }

    /// Signs a participant in: asks for a one-time code (sent by SMS to the phone on file),
    /// gets it from `code` (what the person types), and exchanges it for tokens.
    ///
    /// - Throws: a `Rejection` with the server's code (`nik.serial`, `auth.invalidCode`,
    ///   `auth.tooManyAttempts`, ...) that ``RejectionMessages`` words for the participant.
    public static func signIn(
        server: ServerAddress,
        nik: String,
        kpj: String,
        deviceID: String,
        rotated: @escaping @Sendable (SessionTokens.Pair) -> Void = { _ in },
        code: @Sendable () async throws -> String
    ) async throws -> URLSessionTokenProvider {
        let api = JHTClient.make(serverURL: server.baseURL, session: server.session)
        let challenge: String
        switch try await api.requestParticipantCode(body: .json(.init(nik: nik, kpj: kpj, deviceId: deviceID))) {
        case .accepted(let accepted): challenge = try accepted.body.json.challengeId
        case .badRequest(let problem), .notFound(let problem), .tooManyRequests(let problem), .contentTooLarge(let problem):
            throw Rejection(problem)
        case .undocumented(let status, _): throw Rejection(status: status)
        }
        return try await exchange(challenge, code: code, server: server, deviceID: deviceID, rotated: rotated)
    }

    /// Signs an officer in with their employee number and the code sent to their work phone.
    public static func signInOfficer(
        server: ServerAddress,
        employeeNumber: String,
        deviceID: String,
        rotated: @escaping @Sendable (SessionTokens.Pair) -> Void = { _ in },
        code: @Sendable () async throws -> String
    ) async throws -> URLSessionTokenProvider {
        let api = JHTClient.make(serverURL: server.baseURL, session: server.session)
        let challenge: String
        switch try await api.requestOfficerCode(body: .json(.init(employeeNumber: employeeNumber, deviceId: deviceID))) {
        case .accepted(let accepted): challenge = try accepted.body.json.challengeId
        case .badRequest(let problem), .notFound(let problem), .tooManyRequests(let problem), .contentTooLarge(let problem):
            throw Rejection(problem)
        case .undocumented(let status, _): throw Rejection(status: status)
        }
        return try await exchange(challenge, code: code, server: server, deviceID: deviceID, rotated: rotated)
    }

    private static func exchange(
        _ challenge: String,
        code: @Sendable () async throws -> String,
        server: ServerAddress,
        deviceID: String,
        rotated: @escaping @Sendable (SessionTokens.Pair) -> Void
    ) async throws -> URLSessionTokenProvider {
        let api = JHTClient.make(serverURL: server.baseURL, session: server.session)
        let typed = try await code()
        switch try await api.exchangeCode(body: .json(.init(challengeId: challenge, code: typed, deviceId: deviceID))) {
        case .ok(let ok):
            let pair = try pair(ok.body.json)
            rotated(pair)
            return URLSessionTokenProvider(server: server, deviceID: deviceID, tokens: pair, rotated: rotated)
        case .badRequest(let problem), .unauthorized(let problem), .tooManyRequests(let problem), .contentTooLarge(let problem):
            throw Rejection(problem)
        case .undocumented(let status, _): throw Rejection(status: status)
        }
    }

    private static func pair(_ tokens: Components.Schemas.TokenPair) throws -> SessionTokens.Pair {
        SessionTokens.Pair(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken)
    }
}

extension Rejection {
    /// The server's problem answer as a rejection the app can word for the participant.
    init(_ problem: Components.Responses.Problem) {
        switch problem.body {
        case .applicationProblemJson(let body):
            self.init(code: body.code.rawValue, message: body.detail ?? body.title, fields: body.errors?.map(\.field))
        }
    }

    /// An answer the contract does not list (a proxy's error page, say).
    init(status: Int) {
        self.init(code: status >= 500 ? "service.unavailable" : "request.invalid", message: "The server answered HTTP \(status).")
    }
}
