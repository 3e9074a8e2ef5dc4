import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where the JHT Sync service is and the URLSession that reaches it: what every URLSession
/// transport of the phone shares.
///
/// The default session is ephemeral and has no URL cache: answers carry personal data (a
/// claim's bank account, a balance), and none of it may land in a cache on the phone. An app
/// that passes its own session should configure it the same way.
public struct ServerAddress: Sendable {
    /// The service's base URL, for example `https://sync.example.id` (no trailing slash
    /// needed).
    public let baseURL: URL
    /// The session requests go through.
    public let session: URLSession

    /// The service at `baseURL`, reached through `session` (by default an ephemeral session
    /// without a cache, see ``ServerAddress/uncachedSession(idleTimeout:)``).
    public init(baseURL: URL, session: URLSession = ServerAddress.uncachedSession()) {
        self.baseURL = baseURL
        self.session = session
    }

    /// An ephemeral session that caches nothing and keeps no cookies.
    ///
    /// - Parameter idleTimeout: the longest silence a request waits for (the live stream
    ///   sends a heartbeat every 15 seconds, so its session uses a longer one).
    public static func uncachedSession(idleTimeout: TimeInterval = 60) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = idleTimeout
        return URLSession(configuration: configuration)
    }

    /// The URL of `path` (which starts with `/` and may carry an already encoded query, or is a
    /// full URL the server handed out, such as an upload's `Location`).
    func url(_ path: String) -> URL {
        if path.hasPrefix("http://") || path.hasPrefix("https://"), let absolute = URL(string: path) { return absolute }
        var base = baseURL.absoluteString
        if base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + path) ?? baseURL
    }

    /// A request for `url` with the bearer token.
    func request(_ url: URL, method: String, accessToken: String?) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.cachePolicy = .reloadIgnoringLocalCacheData
        if let accessToken { request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Sends a request and collects its answer; a network fault (no connection, a timeout, a
    /// cut) becomes the transport's transient error, made by `transient` from a description.
    func exchange(
        _ request: URLRequest,
        transient: (String) -> some Error
    ) async throws -> (body: Data, response: HTTPURLResponse) {
        do {
            return try await exchange(request)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw transient("network: \(error.localizedDescription)")
        }
    }

    /// Sends a request and collects its answer. Cancelling the calling task cancels the
    /// request (an app going to the background, or killed).
    ///
    /// - Throws: the URL loading error (no connection, a timeout, a cut) or `CancellationError`.
    func exchange(_ request: URLRequest) async throws -> (body: Data, response: HTTPURLResponse) {
        let task = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(body: Data, response: HTTPURLResponse), any Error>) in
                let dataTask = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                task.start(dataTask)
            }
        } onCancel: {
            task.cancel()
        }
    }
}
