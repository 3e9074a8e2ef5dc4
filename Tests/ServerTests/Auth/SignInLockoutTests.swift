import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Testing

@testable import Server

/// Wrong one-time codes lock a participant or an officer out, longer each time, through the
/// real routes; one client address may ask for codes only so often.
@Suite("Sign-in lock-outs through the API")
struct SignInLockoutTests {
    let siti = Demo.person("Siti Rahayu")

    /// A test server whose clock the test moves.
    func serverOnAClock() throws -> (TestServer, TestClock) {
        let clock = TestClock(OfficeTime.monday)
        var server = try TestServer()
        server.now = { clock.now }
        return (server, clock)
    }

    func requestCode(_ client: some TestClientProtocol, device: String = "siti-phone-a") async throws -> (HTTPResponse.Status, String?) {
        try await client.execute(
            uri: "/v1/auth/participant/code",
            method: .post,
            headers: .json,
            body: JSON.body(["nik": siti.participant.nik.rawValue, "kpj": siti.participant.kpj.rawValue, "deviceId": device])
        ) { (response: TestResponse) throws in
            (response.status, try? JSON.object(response.body)["challengeId"] as? String ?? problemCode(response.body))
        }
    }

    func exchange(
        _ client: some TestClientProtocol,
        _ challenge: String,
        _ code: String
    ) async throws -> (HTTPResponse.Status, String?, String?) {
        try await client.execute(
            uri: "/v1/auth/token",
            method: .post,
            headers: .json,
            body: JSON.body(["challengeId": challenge, "code": code, "deviceId": "siti-phone-a"])
        ) { ($0.status, problemCode($0.body), $0.headers[.retryAfter]) }
    }

    @Test func wrongCodesLockTheParticipantOutLongerEachTimeAndARightCodeClearsIt() async throws {
        let (server, clock) = try serverOnAClock()
        try await server.app().test(.router) { client in
            let (_, first) = try await requestCode(client)
            let challenge = try #require(first)
            let code = try #require(server.inbox.latest(for: siti.participant.phone!.rawValue))
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 1...4 { #expect(try await exchange(client, challenge, wrong).1 == "auth.invalidCode") }
            let fifth = try await exchange(client, challenge, wrong)
            #expect(fifth.0 == .tooManyRequests && fifth.1 == "auth.lockedOut" && fifth.2 == "60", "five wrong codes: a minute")
            #expect(try await requestCode(client).1 == "auth.lockedOut", "no new code while locked out")

            clock.advance(minutes: 1.1)
            let (_, second) = try await requestCode(client)
            let next = try #require(second)
            for _ in 1...4 { _ = try await exchange(client, next, wrong) }
            let tenth = try await exchange(client, next, wrong)
            #expect(tenth.1 == "auth.lockedOut" && tenth.2 == "300", "five more: five minutes")

            clock.advance(minutes: 5.1)
            let (_, third) = try await requestCode(client)
            let last = try #require(third)
            let right = try #require(server.inbox.latest(for: siti.participant.phone!.rawValue))
            #expect(try await exchange(client, last, right).0 == .ok)
            #expect(try await server.store.lockout(of: .participant(siti.participant.id)) == nil, "a right code clears the count")
        }
    }

    @Test func theRightCodeDoesNotOpenALockedOutSignIn() async throws {
        let (server, clock) = try serverOnAClock()
        try await server.app().test(.router) { client in
            let (_, first) = try await requestCode(client)
            let challenge = try #require(first)
            let right = try #require(server.inbox.latest(for: siti.participant.phone!.rawValue))
            let wrong = right == "000000" ? "111111" : "000000"
            // Another phone's wrong codes lock her out (a guesser with her NIK and KPJ).
            let (_, other) = try await requestCode(client, device: "broker-phone")
            let guessed = try #require(other)
            for _ in 1...5 {
                _ = try await client.execute(
                    uri: "/v1/auth/token",
                    method: .post,
                    headers: .json,
                    body: JSON.body(["challengeId": guessed, "code": wrong, "deviceId": "broker-phone"])
                ) { $0.status }
            }
            #expect(try await exchange(client, challenge, right).1 == "auth.lockedOut")
            clock.advance(minutes: 1.1)
            #expect(try await exchange(client, challenge, right).0 == .ok, "after the minute, the code still in its lifetime works")
        }
    }

    @Test func officersAreLockedOutLikewise() async throws {
        let (server, _) = try serverOnAClock()
        let rina = Demo.officer("1001")
        try await server.app().test(.router) { client in
            let challenge = try await client.execute(
                uri: "/v1/auth/officer/code",
                method: .post,
                headers: .json,
                body: JSON.body(["employeeNumber": "1001", "deviceId": "counter-pc-1"])
            ) { (response: TestResponse) throws in try #require(try JSON.object(response.body)["challengeId"] as? String) }
            let right = try #require(server.inbox.latest(for: rina.phone!.rawValue))
            let wrong = right == "000000" ? "111111" : "000000"
            var codes: [String?] = []
            for _ in 1...5 {
                codes.append(
                    try await client.execute(
                        uri: "/v1/auth/token",
                        method: .post,
                        headers: .json,
                        body: JSON.body(["challengeId": challenge, "code": wrong, "deviceId": "counter-pc-1"])
                    ) { problemCode($0.body) }
                )
            }
            #expect(codes.last == "auth.lockedOut")
            #expect(try await server.store.lockout(of: .officer(rina.id))?.failures == 5)
        }
    }

    @Test func oneAddressMayAskForCodesOnlySoOften() async throws {
        var configured = try TestServer()
        configured.configuration.signIn.codeRequestsPerAddress = RateLimit(capacity: 3, per: 3600)
        let server = configured
        try await server.app().test(.live) { client in
            var answers: [String?] = []
            for index in 0..<4 {
                answers.append(
                    try await client.execute(
                        uri: "/v1/auth/participant/code",
                        method: .post,
                        headers: [.contentType: "application/json", .xForwardedFor: "198.51.100.\(index)"],
                        body: JSON.body(["nik": "3273015205900099", "kpj": "12345678901", "deviceId": "spray-device-\(index)"])
                    ) { problemCode($0.body) }
                )
            }
            #expect(answers == ["auth.participantNotFound", "auth.participantNotFound", "auth.participantNotFound", "auth.addressLimited"])
            let fourth = try await requestCode(client)
            #expect(
                fourth.0 == .tooManyRequests,
                "a known person from the same address waits too; X-Forwarded-For from no proxy counts for nothing"
            )
        }
    }

    @Test func withTheAddressLimitsOffOneAddressMayAskAsOftenAsPeopleNeed() async throws {
        var configured = try TestServer()
        configured.configuration.signIn.removeAddressLimits()
        let server = configured
        try await server.app().test(.live) { client in
            var codes: Set<String?> = []
            for index in 0..<310 {
                codes.insert(
                    try await client.execute(
                        uri: "/v1/auth/participant/code",
                        method: .post,
                        headers: [.contentType: "application/json"],
                        body: JSON.body(["nik": "3273015205900099", "kpj": "12345678901", "deviceId": "load-device-\(index)"])
                    ) { problemCode($0.body) }
                )
            }
            #expect(codes == ["auth.participantNotFound"], "310 requests from 127.0.0.1 (the default allows 300), none limited per address")
        }
    }
}
