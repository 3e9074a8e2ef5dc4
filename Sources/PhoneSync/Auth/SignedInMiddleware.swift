import APIClient
import APITypes
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Sync

/// Signs every request of the typed client with the phone's access token; a 401 refreshes
/// the token (sharing the rotation with the sync loop, the live stream and the uploader) and
/// sends the request once more.
public struct SignedInMiddleware: ClientMiddleware {
    /// Where the token comes from.
    public let tokens: any TokenProvider

    /// A middleware taking its tokens from `tokens`.
    public init(tokens: any TokenProvider) {
        self.tokens = tokens
    }

    /// Adds `Authorization: Bearer <token>`, and retries once with a new token after a 401.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var signed = request
        signed.headerFields[.authorization] = "Bearer \(try await tokens.accessToken())"
        let answer = try await next(signed, body, baseURL)
        // A body that can be read once cannot be sent again: that answer stands.
        guard answer.0.status == .unauthorized, body?.iterationBehavior != .single else { return answer }
        signed.headerFields[.authorization] = "Bearer \(try await tokens.refresh())"
        return try await next(signed, body, baseURL)
    }
}

extension JHTClient {
    /// The typed client for a signed-in phone: every request carries the access token, which
    /// is refreshed after a 401.
    public static func signedIn(server: ServerAddress, tokens: any TokenProvider) -> some APIProtocol {
        make(serverURL: server.baseURL, session: server.session, middlewares: [SignedInMiddleware(tokens: tokens)])
    }
}
