import Foundation
import HTTPTypes
import Hummingbird

/// Restores response headers the OpenAPI runtime percent-encodes.
///
/// The generated server writes every response header declared in `openapi.yaml` as a URI
/// component, so `Location: /staff` goes out as `%2Fstaff` and `Set-Cookie: a=b` as `a%3Db`
/// (apple/swift-openapi-generator#857). These headers are not URI components; their values
/// were encoded in full, so decoding gives back exactly what the handler set.
struct ResponseHeaderMiddleware<Context: RequestContext>: RouterMiddleware {
    static var decoded: [HTTPField.Name] { [.location, .setCookie, .cacheControl] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for name in Self.decoded {
            guard let value = response.headers[name], value.contains("%"), let plain = value.removingPercentEncoding else { continue }
            response.headers[name] = plain
        }
        return response
    }
}
