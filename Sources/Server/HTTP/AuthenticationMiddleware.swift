import Foundation
import Hummingbird

/// Reads `Authorization: Bearer <token>` and runs the rest of the request with
/// ``Principal/current`` set. A missing token leaves it `nil` (public routes work); a
/// malformed or expired token leaves it `nil` too and marks ``Principal/tokenRefused``, so a
/// route that needs a principal answers 401 `auth.invalidToken` (clients know to refresh)
/// while public routes (health, reference data, sign-in) answer as they always do.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenService
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.hasPrefix("Bearer "), let principal = tokens.verify(accessToken: String(header.dropFirst(7)), now: now()) else {
            return try await Principal.$tokenRefused.withValue(true) { try await next(request, context) }
        }
        return try await Principal.$current.withValue(principal) { try await next(request, context) }
    }
}
