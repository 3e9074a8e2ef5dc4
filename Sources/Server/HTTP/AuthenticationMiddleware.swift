import Foundation
import Hummingbird

/// Reads `Authorization: Bearer <token>` and runs the rest of the request with
/// ``Principal/current`` set. A missing token leaves it `nil` (public routes work); a
/// malformed or expired token leaves it `nil` too and records why (``Principal/tokenRefusal``),
/// so a route that needs a principal answers 401 `auth.invalidToken` (clients know to refresh),
/// or `auth.sessionEnded` for a token whose sign-in has ended, while public routes (health,
/// reference data, sign-in) answer as they always do.
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
            return try await Principal.$tokenRefusal.withValue(Problem.invalidToken) { try await next(request, context) }
        case .sessionEnded:
            return try await Principal.$tokenRefusal.withValue(Problem.sessionEnded) { try await next(request, context) }
        }
    }
}
