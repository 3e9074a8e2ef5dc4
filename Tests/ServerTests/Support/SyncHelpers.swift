import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Sync
import Testing

/// A phone as the tests drive it: a device id, a counter and a clock.
struct TestDevice {
    let id: String
    var counter: Int64 = 0
    var clock: HybridLogicalClock
    var millis: Int64

    init(id: String, millis: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
        self.id = id
        self.clock = HybridLogicalClock(node: id)
        self.millis = millis
    }

    mutating func mutation(_ record: RecordKey, _ operation: Sync.Operation) -> Mutation {
        counter += 1
        millis += 1
        return Mutation(deviceID: id, counter: counter, clock: clock.tick(physicalMillis: millis), record: record, operation: operation)
    }

    mutating func intent(_ name: Intent.Name, _ arguments: [String: JSONValue], record: RecordKey) -> Mutation {
        mutation(record, .intent(Intent(name: name, arguments: arguments)))
    }
}

enum Wire {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func body(_ value: some Encodable) -> ByteBuffer { ByteBuffer(bytes: try! encoder.encode(value)) }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}

extension TestClientProtocol {
    func push(_ mutations: [Mutation], device: String, token: String) async throws -> PushResponse {
        let (status, body) = try await pushed(mutations, device: device, token: token)
        #expect(status == .ok, "\(String(buffer: body))")
        return try Wire.decode(PushResponse.self, body)
    }

    /// A push the server must refuse whole: its status and problem document.
    func refusedPush(_ mutations: [Mutation], device: String, token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (status, body) = try await pushed(mutations, device: device, token: token)
        return (status, try JSON.object(body))
    }

    private func pushed(_ mutations: [Mutation], device: String, token: String) async throws -> (HTTPResponse.Status, ByteBuffer) {
        try await execute(
            uri: "/v1/sync/push",
            method: .post,
            headers: .bearer(token),
            body: Wire.body(PushRequest(deviceID: device, mutations: mutations))
        ) { (response: TestResponse) throws in (response.status, response.body) }
    }

    func pull(after cursor: SyncCursor = .start, token: String, limit: Int = 500) async throws -> PullResponse {
        try await execute(uri: "/v1/sync/pull?\(cursor.queryPrefix)limit=\(limit)", method: .get, headers: .bearer(token)) {
            (response: TestResponse) throws in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try Wire.decode(PullResponse.self, response.body)
        }
    }
}

extension Claim {
    static func key(_ id: UUID) -> RecordKey { RecordKey(type: "claim", id: id.uuidString) }
}
