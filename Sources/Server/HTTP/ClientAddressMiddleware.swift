import Foundation
import HTTPTypes
import Hummingbird

/// The address a request comes from, for limits per client (sign-in attempts).
public enum ClientAddress {
    /// The client of the request being handled, set by ``ClientAddressMiddleware``; `nil` when
    /// unknown (in-process tests).
    @TaskLocal public static var current: String?

    /// The client's address: the peer's, or, when the peer is one of `trustedProxies`, the last
    /// address its `X-Forwarded-For` names (the one the proxy itself added; anything before it
    /// the client could have written).
    public static func of(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces)
        return last.flatMap { $0.isEmpty ? nil : $0 } ?? peer
    }
}

/// Runs every request with ``ClientAddress/current`` set.
struct ClientAddressMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = ClientAddress.of(
            peer: context.remoteAddress?.ipAddress,
            forwardedFor: request.headers[.xForwardedFor],
            trustedProxies: trustedProxies
        )
        return try await ClientAddress.$current.withValue(address) { try await next(request, context) }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
