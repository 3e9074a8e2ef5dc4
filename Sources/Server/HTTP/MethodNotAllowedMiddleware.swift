import HTTPTypes
import Hummingbird

/// A path the contract has, asked with a method it does not declare there: 405 with the
/// methods it does declare in `Allow` (RFC 9110), rendered as a problem like every refusal.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(at: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            throw Problem(
                status: .methodNotAllowed,
                code: "route.methodNotAllowed",
                title: "Method not allowed",
                detail: "\(request.uri.path) answers \(allowed.map(\.rawValue).joined(separator: ", ")).",
                headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")]
            )
        }
    }
}
