import Foundation
import HTTPTypes
import Hummingbird
import Models
import Sync

/// An RFC 9457 problem: what went wrong, with a stable `code` clients switch on.
///
/// Handlers throw these; ``ProblemMiddleware`` renders them as `application/problem+json`.
public struct Problem: Error, Hashable, Sendable {
    public struct FieldError: Codable, Hashable, Sendable {
        public var field: String
        public var code: String
        public var message: String
    }

    public var status: HTTPResponse.Status
    public var code: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    /// Extra headers, for example `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields
    /// Extension members of the problem document, for example `expectedCounter`.
    public var extra: [String: JSONValue]

    public init(
        status: HTTPResponse.Status,
        code: String,
        title: String,
        detail: String? = nil,
        errors: [FieldError] = [],
        headers: HTTPFields = [:],
        extra: [String: JSONValue] = [:]
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.extra = extra
    }

    /// A request that failed validation, one entry per bad field.
    public static func validation(_ valueErrors: [ValueError]) -> Problem {
        let first = valueErrors.first
        return Problem(
            status: .badRequest,
            code: valueErrors.count == 1 ? first!.code : "validation",
            title: "Some fields are not valid",
            detail: valueErrors.map(\.message).joined(separator: " "),
            errors: valueErrors.map { FieldError(field: $0.field, code: $0.code, message: $0.message) }
        )
    }

    /// No valid access token: none came (`auth.required`), an expired or malformed one
    /// (`auth.invalidToken`, so the client refreshes it), or one whose sign-in has ended
    /// (`auth.sessionEnded`).
    public static var unauthenticated: Problem { Principal.tokenRefusal ?? signInRequired }

    /// No access token came.
    static let signInRequired = unauthorized(
        code: "auth.required",
        title: "Sign-in required",
        detail: "Send a valid access token as 'Authorization: Bearer <token>'; refresh it when it expires."
    )

    /// The access token that came is expired or malformed.
    static let invalidToken = unauthorized(
        code: "auth.invalidToken",
        title: "The access token is not valid",
        detail: "The access token is expired or malformed. Use the refresh token at /v1/auth/refresh; no write was lost."
    )

    /// The access token's sign-in was signed out or ended for safety.
    static let sessionEnded = unauthorized(
        code: "auth.sessionEnded",
        title: "This sign-in has ended",
        detail: "It was signed out, or ended for safety. Sign in again; your unsent changes stay on the phone."
    )

    /// A 401 that asks for a bearer token.
    private static func unauthorized(code: String, title: String, detail: String) -> Problem {
        Problem(status: .unauthorized, code: code, title: title, detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// The store or another dependency is unavailable: a transient fault, safe to retry.
    public static let unavailable = Problem(
        status: .serviceUnavailable,
        code: "service.unavailable",
        title: "Temporarily unavailable",
        detail: "The service cannot answer right now. Nothing was changed; try again shortly.",
        headers: [.retryAfter: "2"]
    )

    /// The type URI of the problem.
    public var type: String { "https://jht-sync.dev/problems/\(code)" }
}

extension Problem: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: AnyEncodable] = [
            "type": AnyEncodable(type), "title": AnyEncodable(title), "status": AnyEncodable(Int(status.code)),
            "code": AnyEncodable(code), "instance": AnyEncodable(request.uri.path),
        ]
        if let detail { body["detail"] = AnyEncodable(detail) }
        if !errors.isEmpty { body["errors"] = AnyEncodable(errors) }
        for (key, value) in extra { body[key] = AnyEncodable(value) }
        let data = try JSONCoding.encoder.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Type erasure for the heterogeneous problem body.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void

    init(_ value: some Encodable) { self.encodeValue = value.encode(to:) }

    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
