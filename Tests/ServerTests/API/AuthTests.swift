import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

@Suite("Sign-in and tokens")
struct AuthTests {
    @Test func participantSignsInAndReadsProfile() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, inbox: server.inbox)
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let me = try JSON.object(response.body)
                let participant = try #require(me["participant"] as? [String: Any])
                #expect(participant["nik"] as? String == siti.participant.nik.rawValue)
                #expect(participant["sex"] as? String == "female")
                #expect(participant["birthDate"] as? String == "1990-05-12")
                let preconditions = try #require(me["preconditions"] as? [String: Any])
                #expect(preconditions["membershipInactive"] as? Bool == true)
                #expect(preconditions["dataUpdateDone"] as? Bool == true)
                #expect(preconditions["balanceWithinCeiling"] as? Bool == true)
                #expect(preconditions["ceiling"] as? Int == 15_000_000)
                let membership = try #require(me["membership"] as? [String: Any])
                #expect(membership["balance"] as? Int == 8_500_000)
            }
        }
    }

    @Test func wrongCodeIsRefusedAndLocksAfterFiveTries() async throws {
        let server = try TestServer()
        let budi = Demo.person("Budi Santoso")
        try await server.app().test(.router) { client in
            let challenge = try await client.execute(
                uri: "/v1/auth/participant/code",
                method: .post,
                headers: .json,
                body: JSON.body(["nik": budi.participant.nik.rawValue, "kpj": budi.participant.kpj.rawValue, "deviceId": "device-abc1"])
            ) { try JSON.object($0.body)["challengeId"] as! String }
            let code = try #require(server.inbox.latest(for: budi.participant.phone!.rawValue))
            let wrong = code == "000000" ? "111111" : "000000"
            for attempt in 1...5 {
                try await client.execute(
                    uri: "/v1/auth/token",
                    method: .post,
                    headers: .json,
                    body: JSON.body(["challengeId": challenge, "code": wrong, "deviceId": "device-abc1"])
                ) { (response: TestResponse) throws in
                    // The fifth wrong code locks Budi out (a minute, longer each time: SignInLockoutTests).
                    #expect(response.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
                    #expect(try JSON.object(response.body)["code"] as? String == (attempt < 5 ? "auth.invalidCode" : "auth.lockedOut"))
                }
            }
            // Even the right code is refused now.
            try await client.execute(
                uri: "/v1/auth/token",
                method: .post,
                headers: .json,
                body: JSON.body(["challengeId": challenge, "code": code, "deviceId": "device-abc1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .tooManyRequests)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.lockedOut")
            }
        }
    }

    @Test func codeWorksOnceAndOnlyOnTheDeviceThatAskedForIt() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.router) { client in
            let challenge = try await client.execute(
                uri: "/v1/auth/participant/code",
                method: .post,
                headers: .json,
                body: JSON.body(["nik": siti.participant.nik.rawValue, "kpj": siti.participant.kpj.rawValue, "deviceId": "device-one1"])
            ) { try JSON.object($0.body)["challengeId"] as! String }
            let code = try #require(server.inbox.latest(for: siti.participant.phone!.rawValue))
            try await client.execute(
                uri: "/v1/auth/token",
                method: .post,
                headers: .json,
                body: JSON.body(["challengeId": challenge, "code": code, "deviceId": "device-two2"])
            ) { #expect($0.status == .unauthorized) }
            _ = try await client.exchange(challenge: challenge, code: code, device: "device-one1")
            try await client.execute(
                uri: "/v1/auth/token",
                method: .post,
                headers: .json,
                body: JSON.body(["challengeId": challenge, "code": code, "deviceId": "device-one1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.codeExpired")
            }
        }
    }

    @Test func tooManyCodeRequestsAreThrottled() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.router) { client in
            let body = ["nik": siti.participant.nik.rawValue, "kpj": siti.participant.kpj.rawValue, "deviceId": "device-one1"]
            for _ in 0..<5 {
                try await client.execute(uri: "/v1/auth/participant/code", method: .post, headers: .json, body: JSON.body(body)) {
                    #expect($0.status == .accepted)
                }
            }
            try await client.execute(uri: "/v1/auth/participant/code", method: .post, headers: .json, body: JSON.body(body)) {
                (response: TestResponse) throws in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] != nil)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.tooManyCodes")
            }
        }
    }

    @Test func refreshRotatesAndReuseRevokesTheFamily() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let first = try await client.signIn(Demo.person("Dewi Lestari"), device: "dewi-phone-1", inbox: server.inbox)
            let second = try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": first.refresh, "deviceId": "dewi-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                return try JSON.object(response.body)["refreshToken"] as! String
            }
            #expect(second != first.refresh)
            // A refresh token from another device is refused.
            try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": second, "deviceId": "thief-phone-9"])
            ) { #expect($0.status == .unauthorized) }
            // Replaying the used token signs every session of the family out.
            try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": first.refresh, "deviceId": "dewi-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.refreshTokenReused")
            }
            try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": second, "deviceId": "dewi-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.invalidRefreshToken")
            }
        }
    }

    @Test func signOutEndsTheSession() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(Demo.person("Joko Susilo"), inbox: server.inbox)
            try await client.execute(
                uri: "/v1/auth/sign-out",
                method: .post,
                headers: .bearer(tokens.access),
                body: JSON.body(["refreshToken": tokens.refresh, "deviceId": "test-device-1"])
            ) { #expect($0.status == .noContent) }
            try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": tokens.refresh, "deviceId": "test-device-1"])
            ) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func officerSignsInWithRoles() async throws {
        let server = try TestServer()
        let wawan = Demo.officer("1005")
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(officer: wawan, inbox: server.inbox)
            try await client.execute(uri: "/v1/officers/me", method: .get, headers: .bearer(tokens.access)) {
                (response: TestResponse) throws in
                #expect(response.status == .ok)
                let officer = try JSON.object(response.body)
                #expect(officer["branchID"] as? String == "BDG-SUCI")
                #expect(Set(officer["roles"] as? [String] ?? []) == ["cso", "headOfService"])
            }
            // An officer token is not a participant token.
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) { (response: TestResponse) throws in
                #expect(response.status == .forbidden)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.participantOnly")
            }
        }
    }

    @Test func participantTokenCannotReadOfficerRoutes() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(Demo.person("Siti Rahayu"), inbox: server.inbox)
            try await client.execute(uri: "/v1/officers/me", method: .get, headers: .bearer(tokens.access)) {
                (response: TestResponse) throws in
                #expect(response.status == .forbidden)
                #expect(try JSON.object(response.body)["code"] as? String == "auth.officerOnly")
            }
        }
    }

    @Test(arguments: ["", "Bearer ", "Bearer v1.abc.def", "Basic dXNlcjpwYXNz"])
    func badTokensGetProblem(_ header: String) async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            var headers: HTTPFields = [:]
            if !header.isEmpty { headers[.authorization] = header }
            try await client.execute(uri: "/v1/me", method: .get, headers: headers) { (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }
}
