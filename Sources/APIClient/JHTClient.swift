import APITypes
import Foundation
import OpenAPIRuntime
import OpenAPIURLSession

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A typed client for the JHT Sync API, generated from `openapi/openapi.yaml`.
///
/// ```swift
/// let api = JHTClient.make(serverURL: URL(string: "http://127.0.0.1:8080")!)
/// let config = try await api.getConfig().ok.body.json
/// ```
public enum JHTClient {
    /// A client over URLSession, with optional middlewares (for example a bearer-token one).
    ///
    /// - Parameters:
    ///   - serverURL: the service's base URL.
    ///   - session: the session requests go through (the app's own, for example one without a
    ///     URL cache).
    ///   - middlewares: middlewares every request passes through.
    public static func make(serverURL: URL, session: URLSession = .shared, middlewares: [any ClientMiddleware] = []) -> some APIProtocol {
        Client(serverURL: serverURL, transport: URLSessionTransport(configuration: .init(session: session)), middlewares: middlewares)
    }
}
