import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import PostgresNIO
import Testing

@testable import Server

/// A sign-in that ends, ends at once: its access tokens are refused from the next request on,
/// in every process and after a restart; sign-out ends only the caller's own sign-in.
@Suite("Sessions end when they say so")
struct SessionEndTests {
    let siti = Demo.person("Siti Rahayu")
    let budi = Demo.person("Budi Santoso")

    @Test func signOutEndsTheAccessTokenAtOnce() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-a", inbox: server.inbox)
            #expect(try await client.me(tokens.access) == .ok)
            #expect(try await client.signOut(tokens, device: "siti-phone-a") == .noContent)
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) {
                #expect($0.status == .unauthorized, "not 15 minutes later: now")
                #expect(problemCode($0.body) == "auth.sessionEnded")
            }
            #expect(try await client.refresh(tokens.refresh, device: "siti-phone-a") == .unauthorized)
        }
    }

    @Test func signOutTouchesOnlyTheCallersOwnSignIn() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let phoneA = try await client.signIn(siti, device: "siti-phone-a", inbox: server.inbox)
            let phoneB = try await client.signIn(siti, device: "siti-phone-b", inbox: server.inbox)
            let budis = try await client.signIn(budi, device: "budi-phone-1", inbox: server.inbox)
            let other = Tokens(access: phoneA.access, refresh: budis.refresh)
            try await client.execute(
                uri: "/v1/auth/sign-out",
                method: .post,
                headers: .bearer(other.access),
                body: JSON.body(["refreshToken": other.refresh, "deviceId": "siti-phone-a"])
            ) {
                #expect($0.status == .forbidden)
                #expect(problemCode($0.body) == "auth.notYourSession")
            }
            #expect(try await client.me(budis.access) == .ok, "someone else's refresh token ends nothing of theirs")
            #expect(try await client.me(phoneA.access) == .ok, "and nothing of the caller's")
            #expect(try await client.refresh(budis.refresh, device: "budi-phone-1") == .ok)

            #expect(try await client.signOut(phoneA, device: "siti-phone-a") == .noContent)
            #expect(try await client.me(phoneA.access) == .unauthorized)
            #expect(try await client.me(phoneB.access) == .ok, "her other phone is another sign-in")
        }
    }

    @Test func aReusedRefreshTokenEndsTheFamilysAccessTokensAtOnce() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let first = try await client.signIn(siti, device: "siti-phone-a", inbox: server.inbox)
            let second = try await client.rotate(first.refresh, device: "siti-phone-a")
            #expect(try await client.me(second.access) == .ok)
            #expect(
                try await client.refresh(first.refresh, device: "siti-phone-a") == .unauthorized,
                "a used refresh token, presented again"
            )
            #expect(try await client.me(second.access) == .unauthorized, "the family's newest access token ends with it")
            #expect(try await client.me(first.access) == .unauthorized)
            #expect(try await client.refresh(second.refresh, device: "siti-phone-a") == .unauthorized)
        }
    }

    @Test func anEndedSignInStaysEndedAfterARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sessions-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("jht.sqlite").path)
        let keys = SigningKeys.inMemory()
        let inbox = CodeInbox()
        func app() async throws -> some ApplicationProtocol {
            try await buildApplication(
                configuration: ServerConfiguration(port: 0, databasePath: ":memory:"),
                dependencies: ServerDependencies(store: store, codeSender: inbox.sender, logger: LogRecorder().logger, signingKeys: keys)
            )
        }
        let tokens = try await app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-a", inbox: inbox)
            #expect(try await client.signOut(tokens, device: "siti-phone-a") == .noContent)
            return tokens
        }
        try await app().test(.router) { client in
            let status = try await client.me(tokens.access)
            #expect(status == .unauthorized, "the restarted service read what ended from the store")
        }
    }

    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func aSignInEndedThroughOneProcessEndsInEveryProcess() async throws {
        let database = try await PostgresTestDatabase.create()
        let logger = PostgresTestDatabase.logger
        let storeA = try await PostgresStore.connect(to: database, maximumConnections: 4, logger: logger)
        let storeB = try await PostgresStore.connect(to: database, maximumConnections: 4, logger: logger)
        let keys = SigningKeys.inMemory()
        let inbox = CodeInbox()
        let configuration = ServerConfiguration(port: 0, databasePath: database.redacted)
        func app(_ store: PostgresStore) async throws -> some ApplicationProtocol {
            try await buildApplication(
                configuration: configuration,
                dependencies: ServerDependencies(store: store, codeSender: inbox.sender, logger: logger, signingKeys: keys)
            )
        }
        let processA = try await app(storeA)
        let processB = try await app(storeB)
        try await processA.test(.live) { clientA in
            try await processB.test(.live) { clientB in
                let tokens = try await clientA.signIn(siti, device: "siti-phone-a", inbox: inbox)
                #expect(try await clientB.me(tokens.access) == .ok, "any process serves any phone")
                try await storeA.waitForListeners(2, on: PostgresStore.revocationChannel)
                #expect(try await clientA.signOut(tokens, device: "siti-phone-a") == .noContent)
                let ended = Date()
                var status = HTTPResponse.Status.ok
                while status == .ok, Date().timeIntervalSince(ended) < 5 {
                    status = try await clientB.me(tokens.access)
                    if status == .ok { try await Task.sleep(for: .milliseconds(5)) }
                }
                let latency = Date().timeIntervalSince(ended)
                print("sessions: an ended sign-in was refused by the other process after \(Int(latency * 1000)) ms")
                #expect(status == .unauthorized)
                #expect(latency < 1, "the other process heard it from PostgreSQL within a second")
            }
        }
        await storeA.shutdown()
        await storeB.shutdown()
    }
}

extension TestClientProtocol {
    func me(_ access: String) async throws -> HTTPResponse.Status {
        try await execute(uri: "/v1/me", method: .get, headers: .bearer(access)) { $0.status }
    }

    func signOut(_ tokens: Tokens, device: String) async throws -> HTTPResponse.Status {
        try await execute(
            uri: "/v1/auth/sign-out",
            method: .post,
            headers: .bearer(tokens.access),
            body: JSON.body(["refreshToken": tokens.refresh, "deviceId": device])
        ) { $0.status }
    }

    func refresh(_ refresh: String, device: String) async throws -> HTTPResponse.Status {
        try await execute(
            uri: "/v1/auth/refresh",
            method: .post,
            headers: .json,
            body: JSON.body(["refreshToken": refresh, "deviceId": device])
        ) { $0.status }
    }

    func rotate(_ refresh: String, device: String) async throws -> Tokens {
        try await execute(
            uri: "/v1/auth/refresh",
            method: .post,
            headers: .json,
            body: JSON.body(["refreshToken": refresh, "deviceId": device])
        ) { (response: TestResponse) throws in
            let object = try JSON.object(response.body)
            return Tokens(access: try #require(object["accessToken"] as? String), refresh: try #require(object["refreshToken"] as? String))
        }
    }
}
