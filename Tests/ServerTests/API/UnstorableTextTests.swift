import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// Text a store cannot hold (PostgreSQL's `text` refuses U+0000, SQLite keeps it) is bad input
/// on every store: a problem response, never a 500.
@Suite("Unstorable text")
struct UnstorableTextTests {
    @Test(arguments: StoreFactory.allCases)
    func aNULInLookupsAndWritesIsAProblemNotA500(_ factory: StoreFactory) async throws {
        let inbox = CodeInbox()
        let app = try await buildApplication(
            configuration: ServerConfiguration(port: 0, databasePath: ":memory:", demo: true),
            dependencies: ServerDependencies(store: try await factory.make(), codeSender: inbox.sender, logger: LogRecorder().logger)
        )
        try await app.test(.router) { client in
            func expectProblem(_ response: TestResponse, _ what: String) throws {
                #expect(response.status.code < 500, "\(what): \(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "application/problem+json", "\(what)")
            }
            let officerCode = JSON.body(["employeeNumber": "10\u{0}01", "deviceId": "counter-pc-1"])
            try await client.execute(uri: "/v1/auth/officer/code", method: .post, headers: .json, body: officerCode) {
                try expectProblem($0, "an employee number with NUL")
            }
            let tokens = try await client.signIn(Demo.person("Siti Rahayu"), inbox: inbox)
            try await client.execute(
                uri: "/v1/fallback/availability?kind=branchVisit&branchId=BDG%00X&date=2026-12-22",
                method: .get,
                headers: .bearer(tokens.access)
            ) { try expectProblem($0, "a branch id with NUL") }
            var device = TestDevice(id: "test-device-1")
            for key in [RecordKey(type: "profile", id: "x\u{0}y"), RecordKey(type: "pro\u{0}file", id: "x")] {
                let mutation = device.mutation(key, .update(fields: ["email": "siti@example.co.id"]))
                try await client.execute(
                    uri: "/v1/sync/push",
                    method: .post,
                    headers: .bearer(tokens.access),
                    body: Wire.body(PushRequest(deviceID: device.id, mutations: [mutation]))
                ) { response in
                    #expect(response.status.code < 500, "a record key with NUL: \(String(buffer: response.body))")
                }
            }
        }
    }
}
