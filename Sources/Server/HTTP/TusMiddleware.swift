import Foundation
import HTTPTypes
import Hummingbird

/// The tus 1.0 rules that hold for every request under `/v1/uploads`, whatever the handler:
/// every answer (problems too) carries `Tus-Resumable: 1.0.0`; a request of another protocol
/// version is refused with 412 and `Tus-Version`; one without a token with 401; a PATCH must be
/// `application/offset+octet-stream` (415); answers to HEAD carry no body.
///
/// It sits outside ``ProblemMiddleware`` so the problems it renders get the header too.
struct TusMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == Tus.path || path.hasPrefix(Tus.path + "/") else { return try await next(request, context) }
        var response: Response
        if let problem = Self.refusal(of: request) {
            response = try problem.response(from: request, context: context)
        } else {
            response = try await next(request, context)
        }
        response.headers[.tusResumable] = Tus.version
        if request.method == .head { response.body = .init(byteBuffer: ByteBuffer()) }
        return response
    }

    /// The problem a request breaks before any handler sees it, if any.
    static func refusal(of request: Request) -> Problem? {
        if request.method == .options { return nil }
        guard request.headers[.tusResumable] == Tus.version else {
            return Problem(
                status: .preconditionFailed,
                code: "upload.tusVersion",
                title: "Unsupported tus version",
                detail: "Send 'Tus-Resumable: \(Tus.version)'.",
                headers: [.tusVersion: Tus.version]
            )
        }
        // Every tus request but OPTIONS needs a token: say so before judging the body.
        if request.headers[.authorization] == nil { return .unauthenticated }
        // Chunks go to an upload (`/v1/uploads/{id}`); PATCH on the collection is answered 405.
        if request.method == .patch, request.uri.path.hasPrefix(Tus.path + "/"),
            request.headers[.contentType]?.lowercased().hasPrefix("application/offset+octet-stream") != true
        {
            return Problem(
                status: .unsupportedMediaType,
                code: "upload.contentType",
                title: "Wrong Content-Type",
                detail: "Send chunks as 'Content-Type: application/offset+octet-stream'."
            )
        }
        return nil
    }
}
