import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Testing

/// Demo people by name, for readable tests.
enum Demo {
    static func person(_ name: String) -> ParticipantAccount {
        DemoData.people.first { $0.account.participant.name == name }!.account
    }

    static func officer(_ number: String) -> Officer {
        DemoData.officers.first { $0.employeeNumber == number }!
    }
}

struct Tokens {
    var access: String
    var refresh: String
}

extension TestClientProtocol {
    /// Signs a demo participant in through the real endpoints.
    func signIn(_ account: ParticipantAccount, device: String = "test-device-1", inbox: CodeInbox) async throws -> Tokens {
        let challenge = try await execute(
            uri: "/v1/auth/participant/code",
            method: .post,
            headers: .json,
            body: JSON.body([
                "nik": account.participant.nik.rawValue, "kpj": account.participant.kpj.rawValue, "deviceId": device,
            ])
        ) { (response: TestResponse) throws in
            #expect(response.status == .accepted)
            return try JSON.object(response.body)["challengeId"] as? String
        }
        let code = try #require(inbox.latest(for: account.participant.phone!.rawValue))
        return try await exchange(challenge: try #require(challenge), code: code, device: device)
    }

    /// Signs a demo officer in through the real endpoints.
    func signIn(officer: Officer, device: String = "counter-pc-1", inbox: CodeInbox) async throws -> Tokens {
        let challenge = try await execute(
            uri: "/v1/auth/officer/code",
            method: .post,
            headers: .json,
            body: JSON.body(["employeeNumber": officer.employeeNumber, "deviceId": device])
        ) { (response: TestResponse) throws in
            #expect(response.status == .accepted)
            return try JSON.object(response.body)["challengeId"] as? String
        }
        let code = try #require(inbox.latest(for: officer.phone!.rawValue))
        return try await exchange(challenge: try #require(challenge), code: code, device: device)
    }

    func exchange(challenge: String, code: String, device: String) async throws -> Tokens {
        try await execute(
            uri: "/v1/auth/token",
            method: .post,
            headers: .json,
            body: JSON.body(["challengeId": challenge, "code": code, "deviceId": device])
        ) { (response: TestResponse) throws in
            #expect(response.status == .ok)
            let object = try JSON.object(response.body)
            return Tokens(
                access: try #require(object["accessToken"] as? String),
                refresh: try #require(object["refreshToken"] as? String)
            )
        }
    }
}
