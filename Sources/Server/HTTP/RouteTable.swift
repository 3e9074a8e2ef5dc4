import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The methods each path of the contract answers, written down as the generated handlers
/// register, so a request with a method the contract does not declare for an existing path
/// gets 405 with an `Allow` header instead of a 404.
final class RouteTable: Sendable {
    private let routes = Mutex<[(template: [String], methods: Set<HTTPRequest.Method>)]>([])

    /// Notes that `method` is served at `path` (a template such as `/v1/office/claims/{claimId}/pay`).
    func record(_ method: HTTPRequest.Method, _ path: String) {
        let template = Self.segments(path)
        routes.withLock { routes in
            if let index = routes.firstIndex(where: { $0.template == template }) {
                routes[index].methods.insert(method)
            } else {
                routes.append((template, [method]))
            }
        }
    }

    /// The methods the contract declares for `path`, sorted; empty when no path matches.
    func methods(at path: String) -> [HTTPRequest.Method] {
        let segments = Self.segments(path)
        let declared = routes.withLock { routes in
            routes.filter { Self.matches($0.template, segments) }.reduce(into: Set<HTTPRequest.Method>()) { $0.formUnion($1.methods) }
        }
        return declared.sorted { $0.rawValue < $1.rawValue }
    }

    static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    static func matches(_ template: [String], _ segments: [String]) -> Bool {
        guard template.count == segments.count else { return false }
        return zip(template, segments).allSatisfy { pattern, segment in
            pattern.hasPrefix("{") && pattern.hasSuffix("}") ? !segment.isEmpty : pattern == segment
        }
    }
}

/// Hands each registration to the real transport and writes it into a ``RouteTable``.
struct RecordingTransport: ServerTransport {
    let base: any ServerTransport
    let table: RouteTable

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        table.record(method, path)
        try base.register(handler, method: method, path: path)
    }
}
