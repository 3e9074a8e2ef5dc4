import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneSync
import Sync
import SyncHTTP
import Synchronization

/// JSON over HTTP for the simulator's officers and phones, counting every request and its
/// bytes. Faults are injected by the callers (``PhoneNetwork``), not here.
struct SimHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var body: Data
    }

    /// A non-2xx answer: the status and the problem's `code` and `detail`.
    struct Failure: Error, CustomStringConvertible {
        var status: Int
        var code: String?
        var detail: String?
        var body: Data
        var description: String { "HTTP \(status) \(code ?? "") \(detail ?? "")" }
    }

    let baseURL: String
    let client: HTTPClient
    let metrics: RunMetrics

    /// Sends a request; network faults throw, any status returns.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        family: String,
        token: String? = nil,
        body: Data? = nil,
        participant: Int? = nil
    ) async throws -> Response {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
            let status = Int(response.status.code)
            metrics.request(family, status: status)
            if let participant { metrics.bytes((body?.count ?? 0) + bytes.readableBytes, participant: participant) }
            return Response(status: status, body: Data(bytes.readableBytesView))
        } catch {
            metrics.request(family, status: 0)
            throw error
        }
    }

    /// Sends JSON and decodes a 2xx answer; anything else throws ``Failure``.
    func json<Answer: Decodable>(
        _ method: HTTPMethod,
        _ path: String,
        family: String,
        token: String? = nil,
        body: (some Encodable)? = String?.none,
        participant: Int? = nil,
        as type: Answer.Type = Answer.self
    ) async throws -> Answer {
        let data = try body.map { try WireCoding.encoder.encode($0) }
        let response = try await send(method, path, family: family, token: token, body: data, participant: participant)
        guard (200..<300).contains(response.status) else { throw Self.failure(response) }
        return try WireCoding.decoder.decode(Answer.self, from: response.body)
    }

    /// A GET whose token may have expired (the service's clock moved on): a 401 renews the
    /// token with `renew` once and asks again.
    func get<Answer: Decodable>(
        _ path: String,
        family: String,
        token: inout String,
        renew: () async throws -> String
    ) async throws -> Answer {
        do {
            return try await json(.GET, path, family: family, token: token)
        } catch let failure as Failure where failure.status == 401 {
            token = try await renew()
            return try await json(.GET, path, family: family, token: token)
        }
    }

    static func failure(_ response: Response) -> Failure {
        struct Problem: Decodable {
            var code: String?
            var detail: String?
        }
        let problem = try? WireCoding.decoder.decode(Problem.self, from: response.body)
        return Failure(status: response.status, code: problem?.code, detail: problem?.detail, body: response.body)
    }
}

/// A body-less answer to decode when only the status matters.
struct Ignored: Decodable {}
