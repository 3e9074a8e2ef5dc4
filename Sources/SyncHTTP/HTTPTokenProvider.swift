import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneSync
import Sync

/// Tokens from the service's sign-in endpoints, refreshed with the rotating refresh token.
public final class HTTPTokenProvider: TokenProvider, Sendable {
    let baseURL: String
    let deviceID: String
    let client: HTTPClient
    /// The tokens, refreshed once for all concurrent callers.
    let session: SessionTokens

    init(baseURL: String, deviceID: String, client: HTTPClient, tokens: SessionTokens.Pair) {
        self.baseURL = baseURL
        self.deviceID = deviceID
        self.client = client
        self.session = SessionTokens(tokens) { refreshToken in
            try await post("/v1/auth/refresh", ["refreshToken": refreshToken, "deviceId": deviceID], client: client, baseURL: baseURL)
        }
    }

    public func accessToken() async throws -> String { session.current.accessToken }

    /// The current refresh token (an app keeps it in the keychain).
    public var refreshToken: String { session.current.refreshToken }

    /// Rotates the refresh token for a new access token. Callers that ask while a refresh is
    /// under way get its answer instead of sending the used token again.
    public func refresh() async throws -> String { try await session.refresh() }

    /// Signs a participant in: asks for a code, gets it from `code` (the SMS the person reads),
    /// and exchanges it for tokens.
    public static func signIn(
        baseURL: String,
        nik: String,
        kpj: String,
        deviceID: String,
        client: HTTPClient = .shared,
        code: @Sendable () async throws -> String
    ) async throws -> HTTPTokenProvider {
        try await signIn(
            baseURL: baseURL,
            challengePath: "/v1/auth/participant/code",
            identity: ["nik": nik, "kpj": kpj],
            deviceID: deviceID,
            client: client,
            code: code
        )
    }

    /// Signs an officer in with their employee number and the code sent to their work phone.
    public static func signInOfficer(
        baseURL: String,
        employeeNumber: String,
        deviceID: String,
        client: HTTPClient = .shared,
        code: @Sendable () async throws -> String
    ) async throws -> HTTPTokenProvider {
        try await signIn(
            baseURL: baseURL,
            challengePath: "/v1/auth/officer/code",
            identity: ["employeeNumber": employeeNumber],
            deviceID: deviceID,
            client: client,
            code: code
        )
    }

    /// Asks for a challenge at `challengePath`, then exchanges it and the code for tokens.
    static func signIn(
        baseURL: String,
        challengePath: String,
        identity: [String: String],
        deviceID: String,
        client: HTTPClient,
        code: @Sendable () async throws -> String
    ) async throws -> HTTPTokenProvider {
        struct Challenge: Decodable { var challengeId: String }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let challenge: Challenge = try await post(
            challengePath,
            identity.merging(["deviceId": deviceID]) { _, device in device },
            client: client,
            baseURL: base
        )
        let tokens: SessionTokens.Pair = try await post(
            "/v1/auth/token",
            ["challengeId": challenge.challengeId, "code": try await code(), "deviceId": deviceID],
            client: client,
            baseURL: base
        )
        return HTTPTokenProvider(baseURL: base, deviceID: deviceID, client: client, tokens: tokens)
    }
}

/// Posts JSON and decodes the answer, throwing the transport error its status maps to.
func post<T: Decodable>(_ path: String, _ body: [String: String], client: HTTPClient, baseURL: String) async throws -> T {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = .POST
    request.headers.add(name: "content-type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1024 * 1024)
    return try WireCoding.decode(T.self, status: Int(response.status.code), body: Data(bytes.readableBytesView))
}
