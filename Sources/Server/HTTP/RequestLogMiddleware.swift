import Foundation
import Hummingbird
import Logging

/// Logs every request once it is answered: the method, the path, the query's parameter names
/// (never their values: a staff sign-in ticket travels in one), the status and the time taken.
/// Headers and bodies are never logged.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: Int(response.status.code), since: started, context: context)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500, since: started, context: context)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since started: ContinuousClock.Instant, context: Context) {
        let elapsed = started.duration(to: .now)
        context.logger.log(
            level: level,
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "path": "\(Self.redacted(path: request.uri.path, query: request.uri.query))",
                "status": "\(status)",
                "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ]
        )
    }

    /// The path and the query with every value replaced: `/staff/sign-in?ticket=<redacted>`.
    static func redacted(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        let names = query.split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return (name.removingPercentEncoding ?? name).prefix(32) + "=<redacted>"
        }
        return path + "?" + names.joined(separator: "&")
    }
}

/// Marks every response `Cache-Control: no-store` unless its handler chose otherwise (a document
/// is `private, no-store`): tokens, profiles, balances, claims and office views must never sit
/// in a cache, a proxy's or the phone's.
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
