import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Server
import Testing

/// `/v1/operations/clock`: a demo server on a simulated clock is moved by an officer, tokens
/// and every other reader follow it; a server on the wall clock refuses to be moved.
@Suite("Service clock route")
struct ClockRouteTests {
    let start = Date(timeIntervalSince1970: 1_773_619_200)  // 2026-03-16 00:00 UTC, 07:00 WIB

    func simulatedApp(inbox: CodeInbox, demo: Bool = true) async throws -> some ApplicationProtocol {
        let configuration = ServerConfiguration(port: 0, databasePath: ":memory:", demo: demo)
        return try await buildApplication(
            configuration: configuration,
            dependencies: ServerDependencies(
                store: try SQLiteStore.inMemory(),
                codeSender: inbox.sender,
                clock: .simulated(startingAt: start),
                logger: Logger(label: "test")
            )
        )
    }

    @Test func anOfficerMovesASimulatedClockAndTokensFollowIt() async throws {
        let inbox = CodeInbox()
        try await simulatedApp(inbox: inbox).test(.router) { client in
            try await client.execute(uri: "/v1/operations/clock", method: .get) { (response: TestResponse) throws in
                let state = try JSON.object(response.body)
                #expect(state["simulated"] as? Bool == true)
                #expect(state["now"] as? String == "2026-03-16T00:00:00Z")
            }
            let advance = JSON.body(["seconds": 3_600])
            try await client.execute(uri: "/v1/operations/clock", method: .post, headers: .json, body: advance) {
                (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
            }
            let officer = try await client.signIn(officer: Demo.officer("1003"), inbox: inbox)
            try await client.execute(uri: "/v1/operations/clock", method: .post, headers: .bearer(officer.access), body: advance) {
                (response: TestResponse) throws in
                #expect(response.status == .ok)
                #expect(try JSON.object(response.body)["now"] as? String == "2026-03-16T01:00:00Z")
            }
            // The access token was issued at 00:00 for 15 minutes; at 01:00 it has expired.
            try await client.execute(uri: "/v1/office/worklist", method: .get, headers: .bearer(officer.access)) {
                (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.invalidToken")
            }
            let fresh = try await client.signIn(officer: Demo.officer("1003"), device: "counter-pc-2", inbox: inbox)
            let back = JSON.body(["to": "2026-03-16T00:30:00Z"])
            try await client.execute(uri: "/v1/operations/clock", method: .post, headers: .bearer(fresh.access), body: back) {
                (response: TestResponse) throws in
                #expect(response.status == .badRequest)
                #expect(try JSON.object(response.body)["code"] as? String == "clock.backwards")
            }
            try await client.execute(uri: "/v1/operations/clock", method: .post, headers: .bearer(fresh.access), body: JSON.body([:])) {
                (response: TestResponse) throws in

                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/operations/clock", method: .get) { (response: TestResponse) throws in
                #expect(try JSON.object(response.body)["now"] as? String == "2026-03-16T01:00:00Z", "refusals changed nothing")
            }
        }
    }

    @Test func aServerOnTheWallClockRefusesToBeMoved() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let officer = try await client.signIn(officer: Demo.officer("1003"), inbox: server.inbox)
            let advance = JSON.body(["seconds": 86_400])
            try await client.execute(uri: "/v1/operations/clock", method: .post, headers: .bearer(officer.access), body: advance) {
                (response: TestResponse) throws in
                #expect(response.status == .conflict)
                #expect(try JSON.object(response.body)["code"] as? String == "clock.notSimulated")
            }
            try await client.execute(uri: "/v1/operations/clock", method: .get) { (response: TestResponse) throws in
                #expect(try JSON.object(response.body)["simulated"] as? Bool == false)
            }
        }
    }

    @Test func aSimulatedClockRunsOnlyInDemoMode() async throws {
        await #expect(throws: ConfigurationError.self) { _ = try await simulatedApp(inbox: CodeInbox(), demo: false) }
    }
}
