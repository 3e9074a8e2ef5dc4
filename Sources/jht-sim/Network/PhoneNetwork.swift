import AsyncHTTPClient
import Foundation
import NIOHTTP1
import PhoneSync
import Sync
import SyncHTTP
import Synchronization

/// A phone's connection to the server, as bad as the scenario says: requests are lost before
/// they arrive or their answers after the server acted, some arrive twice, all are delayed,
/// and nothing gets through while the phone is offline. Counts bytes and keeps every
/// acknowledged mutation with its result, for the end-of-run check.
final class PhoneNetwork: SyncTransport, Sendable {
    let http: SimHTTP
    let participant: Int
    let settings: SimSettings
    let metrics: RunMetrics
    private let random: Mutex<SimRandom>
    private let offline = Mutex(false)
    /// Mutations the server accepted, as the phone was told.
    let acknowledged = Mutex<[(Mutation, MutationResult)]>([])

    init(http: SimHTTP, participant: Int, settings: SimSettings, metrics: RunMetrics, random: SimRandom) {
        self.http = http
        self.participant = participant
        self.settings = settings
        self.metrics = metrics
        self.random = Mutex(random)
    }

    var isOffline: Bool {
        get { offline.withLock { $0 } }
        set { offline.withLock { $0 = newValue } }
    }

    func chance(_ p: Double) -> Bool { random.withLock { $0.chance(p) } }

    /// Waits the network's delay; fails at once when offline.
    func enter() async throws {
        if isOffline { throw SyncTransportError.transient("offline") }
        let delay = random.withLock { $0.int(0...max(settings.maxDelayMillis, 0)) }
        if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
        if chance(settings.dropRate / 2) {
            metrics.fault { $0.droppedRequests += 1 }
            throw SyncTransportError.transient("request lost")
        }
    }

    /// The answer is lost on the way back (the server already acted).
    func answerLost() -> Bool {
        guard chance(settings.dropRate / 2) else { return false }
        metrics.fault { $0.droppedRequests += 1 }
        return true
    }

    func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse {
        do {
            return try await send(request, accessToken: accessToken)
        } catch let error as SyncTransportError {
            if case .transient = error { metrics.fault { $0.pushRetries += 1 } }
            throw error
        }
    }

    private func send(_ request: PushRequest, accessToken: String) async throws -> PushResponse {
        try await enter()
        let body = try WireCoding.encoder.encode(request)
        if chance(settings.duplicateRate) {
            metrics.fault { $0.duplicatedRequests += 1 }
            _ = try? await http.send(.POST, "/v1/sync/push", family: "push", token: accessToken, body: body, participant: participant)
        }
        let response = try await http.send(.POST, "/v1/sync/push", family: "push", token: accessToken, body: body, participant: participant)
        let answer = try WireCoding.decode(PushResponse.self, status: response.status, body: response.body)
        if answerLost() { throw SyncTransportError.transient("answer lost") }
        metrics.pushResults(answer.results)
        let byID = Dictionary(request.mutations.map { ($0.id, $0) }) { first, _ in first }
        acknowledged.withLock { list in
            for result in answer.results where result.outcome.isAccepted {
                if let mutation = byID[result.mutationID] { list.append((mutation, result)) }
            }
        }
        return answer
    }

    func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse {
        try await enter()
        let started = ContinuousClock.now
        let response = try await http.send(
            .GET,
            "/v1/sync/pull?\(cursor.queryPrefix)limit=\(limit)",
            family: "pull",
            token: accessToken,
            participant: participant
        )
        let elapsed = ContinuousClock.now - started
        let answer = try WireCoding.decode(PullResponse.self, status: response.status, body: response.body)
        metrics.pullTook(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        if answerLost() { throw SyncTransportError.transient("answer lost") }
        return answer
    }
}

/// The tus upload endpoints over the phone's bad network: chunks are cut mid-way (before the
/// server has them, or after it kept them but before the phone heard), so uploads resume.
final class PhoneUploads: UploadTransport, Sendable {
    let network: PhoneNetwork
    let upstream: HTTPUploadTransport
    private let cut = Mutex<Set<String>>([])

    init(network: PhoneNetwork, baseURL: String, client: HTTPClient) {
        self.network = network
        self.upstream = HTTPUploadTransport(baseURL: baseURL, client: client)
    }

    func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String {
        try await guarded { try await upstream.create(length: length, metadata: metadata, accessToken: accessToken) }
    }

    func offset(at location: String, accessToken: String) async throws -> Int64 {
        let offset = try await guarded { try await upstream.offset(at: location, accessToken: accessToken) }
        if cut.withLock({ $0.remove(location) }) != nil { network.metrics.fault { $0.uploadsResumed += 1 } }
        return offset
    }

    func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64 {
        let cutNow = network.chance(network.settings.uploadCutRate)
        if cutNow, network.chance(0.5) {
            network.metrics.fault { $0.uploadCuts += 1 }
            cut.withLock { _ = $0.insert(location) }
            throw UploadTransportError.transient("connection cut before the chunk arrived")
        }
        let next = try await guarded {
            try await upstream.send(bytes, to: location, at: offset, checksum: checksum, accessToken: accessToken)
        }
        if cutNow {
            network.metrics.fault { $0.uploadCuts += 1 }
            cut.withLock { _ = $0.insert(location) }
            throw UploadTransportError.transient("connection cut before the answer arrived")
        }
        return next
    }

    private func guarded<T>(_ call: () async throws -> T) async throws -> T {
        if network.isOffline { throw UploadTransportError.transient("offline") }
        do {
            let value = try await call()
            network.metrics.request("upload", status: 200)
            return value
        } catch let error as UploadTransportError {
            network.metrics.request("upload", status: 400)
            throw error
        }
    }
}
