import Foundation
import Hummingbird

/// Reads `Authorization: Bearer <token>` and runs the rest of the request with
/// ``Principal/current`` set. A missing token leaves it `nil` (public routes work); a
/// malformed or expired token is refused here with 401 `auth.invalidToken` so clients know to
/// refresh, and a token whose sign-in has ended with 401 `auth.sessionEnded`, at once.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenService
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let check = header.hasPrefix("Bearer ") ? tokens.check(accessToken: String(header.dropFirst(7)), now: now()) : .invalid
        switch check {
        case .valid(let principal):
            return try await Principal.$current.withValue(principal) { try await next(request, context) }
        case .invalid:
            throw Self.refusal(
                "auth.invalidToken",
                "The access token is not valid",
                "The access token is expired or malformed. Use the refresh token at /v1/auth/refresh; no write was lost."
            )
        case .sessionEnded:
            throw Self.refusal(
                "auth.sessionEnded",
                "This sign-in has ended",
                "It was signed out, or ended for safety. Sign in again; your unsent changes stay on the phone."
            )
        }
    }

    /// A 401 with `WWW-Authenticate: Bearer`, as ``Problem/unauthenticated``, saying why.
    static func refusal(_ code: String, _ title: String, _ detail: String) -> Problem {
        var problem = Problem.unauthenticated
        problem.code = code
        problem.title = title
        problem.detail = detail
        return problem
    }
}
