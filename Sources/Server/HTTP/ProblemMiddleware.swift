import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Models
import OpenAPIRuntime

/// Turns every error into an RFC 9457 problem response: bad input gets a 4xx that says
/// what to fix, unexpected failures a 500 that says nothing about internals. Logs carry the
/// problem code and never the request body.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["problem": "\(problem.code)", "error": "\(String(reflecting: type(of: error)))"]
                )
            } else {
                context.logger.info("request refused", metadata: ["problem": "\(problem.code)", "status": "\(problem.status.code)"])
            }
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error) -> Problem {
        // A body cut off while it was read, however deep the code that read it wrapped it.
        if let cutOff = find(RequestCutOff.self, in: error) { return .cutOff(cutOff) }
        switch error {
        case let problem as Problem:
            return problem
        case let error as ServerError:
            switch error.underlyingError {
            case is Problem, is ValueError: return problem(for: error.underlyingError)
            default: break
            }
            if error.operationInput == nil { return invalidRequest(error) }
            return .internalError
        case let error as HTTPError:
            return Problem(
                status: error.status,
                code: error.status == .notFound ? "route.notFound" : "http.\(error.status.code)",
                title: error.status.reasonPhrase,
                detail: error.body
            )
        case let error as ValueError:
            return .validation([error])
        default:
            return .internalError
        }
    }

    /// The request did not match the contract: bad JSON, a missing field, a wrong type.
    static func invalidRequest(_ error: ServerError) -> Problem {
        if let valueError = findValueError(error.underlyingError) { return .validation([valueError]) }
        var detail = "The request could not be read."
        if let decoding = findDecodingError(error.underlyingError) { detail = "The body is not valid: " + decoding.plainDescription + "." }
        return Problem(status: .badRequest, code: "request.invalid", title: "The request does not match the API contract", detail: detail)
    }

    static func findValueError(_ error: any Error) -> ValueError? { find(ValueError.self, in: error) }

    static func findDecodingError(_ error: any Error) -> DecodingError? { find(DecodingError.self, in: error) }

    /// The first error of type `T` in `error` or among the errors it wraps (a decoding error's
    /// underlying error included).
    static func find<T: Error>(_ type: T.Type, in error: any Error) -> T? {
        if let found = error as? T { return found }
        if case .dataCorrupted(let context) = error as? DecodingError, let underlying = context.underlyingError {
            return find(T.self, in: underlying)
        }
        for child in Mirror(reflecting: error).children {
            if let nested = child.value as? any Error, let found = find(T.self, in: nested) { return found }
        }
        return nil
    }
}

extension Problem {
    /// An unexpected failure; says nothing about internals.
    static let internalError = Problem(
        status: .internalServerError,
        code: "internal",
        title: "Something went wrong on our side",
        detail: "Nothing you did caused this; it has been logged. Try again in a moment."
    )
}
