import Foundation
import Hummingbird

/// Reads `Authorization: Bearer <token>` and runs the rest of the request with
/// ``Principal/current`` set. A missing token leaves it `nil` (public routes work); a
/// malformed or expired token is refused here with 401 so clients know to refresh.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenService
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.hasPrefix("Bearer "), let principal = tokens.verify(accessToken: String(header.dropFirst(7)), now: now()) else {
            var problem = Problem.unauthenticated
            problem.code = "auth.invalidToken"
            problem.title = "The access token is not valid"
            problem.detail = "The access token is expired or malformed. Use the refresh token at /v1/auth/refresh; no write was lost."
            throw problem
        }
        return try await Principal.$current.withValue(principal) { try await next(request, context) }
    }
}
