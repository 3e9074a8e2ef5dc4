import Foundation
import HTTPTypes
import Hummingbird
import Sync

/// Refuses a request whose `Content-Length` is over its route's limit (``BodyLimits``) with 413
/// `request.tooLarge`, before anything reads the body. A body without a length, or one longer
/// than it said, is cut off at the limit as it arrives (``RequestGuardHandler``).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limits: BodyLimits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = limits.limit(method: request.method, path: request.uri.path)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}

extension Problem {
    /// A request body over its route's limit.
    static func bodyTooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge,
            code: "request.tooLarge",
            title: "The request body is too large",
            detail: "This request accepts a body of at most \(UploadLimits.sizeText(Int64(limit))).",
            extra: ["maxBytes": .int(Int64(limit))]
        )
    }

    /// The problem of a body cut off while it was read.
    static func cutOff(_ reason: RequestCutOff) -> Problem {
        switch reason {
        case .tooLarge(let limit):
            return bodyTooLarge(limit: limit)
        case .tooSlow:
            return Problem(
                status: .requestTimeout,
                code: "request.tooSlow",
                title: "The request body arrived too slowly",
                detail: "The connection was closed; send the request again."
            )
        }
    }
}
