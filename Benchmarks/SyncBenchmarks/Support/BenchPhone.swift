import AsyncHTTPClient
import Foundation
import Models
import NIOCore
import NIOHTTP1
import PhoneSync
import Server
import Sync
import SyncHTTP

/// A signed-in phone of one demo-population member, with its device counter and clock, so it
/// can push the shape a phone really sends: one mutation from its outbox, the next counter.
struct BenchPhone: Sendable {
    var member: Int
    var participantID: UUID
    var deviceID: String
    var accessToken: String
    var counter: Int64 = 0
    var clock: HybridLogicalClock

    /// Signs in members `members` of the demo population (`jht-server --demo-population`),
    /// `concurrency` at a time, each on a device of its own.
    static func signIn(
        members: Range<Int>,
        baseURL: String,
        client: HTTPClient,
        concurrency: Int = 16,
        tag: String = "bench"
    ) async throws -> [BenchPhone] {
        var phones: [BenchPhone?] = Array(repeating: nil, count: members.count)
        try await withThrowingTaskGroup(of: (Int, BenchPhone).self) { group in
            var next = members.lowerBound
            func start() {
                guard next < members.upperBound else { return }
                let member = next
                next += 1
                group.addTask {
                    let account = DemoPopulation.member(member).account
                    let device = "\(tag)-phone-\(member)"
                    let tokens = try await HTTPTokenProvider.signIn(
                        baseURL: baseURL,
                        nik: account.participant.nik.rawValue,
                        kpj: account.participant.kpj.rawValue,
                        deviceID: device,
                        client: client
                    ) { DemoCodeSender.demoCode }
                    let phone = BenchPhone(
                        member: member,
                        participantID: account.participant.id.rawValue,
                        deviceID: device,
                        accessToken: try await tokens.accessToken(),
                        clock: HybridLogicalClock(node: device)
                    )
                    return (member - members.lowerBound, phone)
                }
            }
            for _ in 0..<concurrency { start() }
            while let (index, phone) = try await group.next() {
                phones[index] = phone
                start()
            }
        }
        return phones.map { $0! }
    }

    /// The next push: `count` mutations setting the participant's e-mail, as the app does when
    /// the participant edits their contact details.
    mutating func nextPush(mutations count: Int = 1) -> PushRequest {
        let key = RecordKey(type: "profile", id: participantID.uuidString)
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        let mutations = (0..<count).map { _ in
            counter += 1
            return Mutation(
                deviceID: deviceID,
                counter: counter,
                clock: clock.tick(physicalMillis: millis),
                record: key,
                operation: .update(fields: ["email": .string("p\(member).\(counter)@example.co.id")])
            )
        }
        return PushRequest(deviceID: deviceID, mutations: mutations)
    }

    /// Sends `request` to `url` as the phone does and checks the answer: 200, one applied result
    /// per mutation.
    func send(_ request: PushRequest, to url: String, client: HTTPClient) async throws {
        var http = HTTPClientRequest(url: url)
        http.method = .POST
        http.headers.add(name: "content-type", value: "application/json")
        http.headers.add(name: "authorization", value: "Bearer \(accessToken)")
        http.body = .bytes(ByteBuffer(bytes: try WireCoding.encoder.encode(request)))
        let response = try await client.execute(http, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else {
            throw BenchFailure("push answered \(response.status.code): \(String(buffer: body))")
        }
        let answer = try WireCoding.decoder.decode(PushResponse.self, from: Data(body.readableBytesView))
        guard answer.results.count == request.mutations.count, answer.results.allSatisfy({ $0.outcome == .applied }) else {
            throw BenchFailure("push answered with \(answer.results.count) results, not \(request.mutations.count) applied")
        }
    }
}

/// A benchmark that cannot go on: what went wrong.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Phones pushing as fast as the server answers, each waiting for its answer before the next
/// push (as a phone's sync loop does).
enum PushLoad {
    /// Runs every phone against `urls[phone index % urls.count]` for `duration`; returns the
    /// pushes answered and the phones with their counters moved on.
    static func run(
        _ phones: [BenchPhone],
        urls: [String],
        mutations: Int = 1,
        duration: Duration,
        client: HTTPClient
    ) async throws -> (pushes: Int, seconds: Double, phones: [BenchPhone]) {
        let start = ContinuousClock.now
        let deadline = start + duration
        var moved = phones
        var pushes = 0
        try await withThrowingTaskGroup(of: (Int, BenchPhone, Int).self) { group in
            for (index, phone) in phones.enumerated() {
                let url = urls[index % urls.count]
                group.addTask {
                    var phone = phone
                    var done = 0
                    while ContinuousClock.now < deadline {
                        let request = phone.nextPush(mutations: mutations)
                        try await phone.send(request, to: url, client: client)
                        done += 1
                    }
                    return (index, phone, done)
                }
            }
            while let (index, phone, done) = try await group.next() {
                moved[index] = phone
                pushes += done
            }
        }
        return (pushes, seconds(ContinuousClock.now - start), moved)
    }
}

extension HTTPClient {
    /// Runs `body` with a client for load (up to `connections` connections to one host, kept
    /// open), shut down after it however it ends.
    static func withBench<T>(connections: Int, _ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(600), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(600))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
