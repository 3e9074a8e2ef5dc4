import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Counts requests and times them to the head of their answer, with Hummingbird's metric names
/// and dimensions (`hb.requests`, `hb.request.errors`, `http.server.request.duration`,
/// `http.server.active_requests`).
///
/// Hummingbird's own `MetricsMiddleware` records when the body is written, through a closure
/// that keeps the request and its context alive with the body: for a live stream, held for
/// hours, that is memory per stream for a figure nobody reads. Every other answer here is a
/// small JSON body written at once, so the time to the head is the time of the request; held
/// streams are counted by the push hub's subscriber gauge.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let metrics = RequestMetrics()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let active = metrics.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = metrics.endpoint(context.endpointPath ?? "Unknown", request.method, response.status)
            endpoint.requests.increment()
            endpoint.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = metrics.endpoint(context.endpointPath ?? "NotFound", request.method, status)
            endpoint.requests.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}

/// The metric objects per method and per endpoint, made once each.
final class RequestMetrics: Sendable {
    struct Endpoint: Sendable {
        let requests: Counter
        let errors: Counter
        let duration: Timer
    }

    private struct Key: Hashable {
        var endpoint: String
        var method: HTTPRequest.Method
        var status: Int
    }

    private let actives = Mutex<[HTTPRequest.Method: Meter]>([:])
    private let endpoints = Mutex<[Key: Endpoint]>([:])

    func active(_ method: HTTPRequest.Method) -> Meter {
        actives.withLock { actives in
            if let meter = actives[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            actives[method] = meter
            return meter
        }
    }

    func endpoint(_ path: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> Endpoint {
        let key = Key(endpoint: path, method: method, status: status.code)
        return endpoints.withLock { endpoints in
            if let endpoint = endpoints[key] { return endpoint }
            let dimensions = [("http.route", path), ("http.request.method", method.rawValue)]
            let code = "\(status.code)"
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions + [("http.response.status_code", code)]),
                errors: Counter(label: "hb.request.errors", dimensions: dimensions + [("error.type", code)]),
                duration: Timer(
                    label: "http.server.request.duration",
                    dimensions: dimensions + [("http.response.status_code", code)],
                    preferredDisplayUnit: .seconds
                )
            )
            endpoints[key] = endpoint
            return endpoint
        }
    }
}
