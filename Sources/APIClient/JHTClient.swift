import APITypes
import Foundation
import OpenAPIRuntime
import OpenAPIURLSession

/// A typed client for the JHT Sync API, generated from `openapi/openapi.yaml`.
///
/// ```swift
/// let api = JHTClient.make(serverURL: URL(string: "http://127.0.0.1:8080")!)
/// let config = try await api.getConfig().ok.body.json
/// ```
public enum JHTClient {
    /// A client over URLSession, with optional middlewares (for example a bearer-token one).
    public static func make(serverURL: URL, middlewares: [any ClientMiddleware] = []) -> some APIProtocol {
        Client(serverURL: serverURL, transport: URLSessionTransport(), middlewares: middlewares)
    }
}
