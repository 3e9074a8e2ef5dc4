import APIClient
import APITypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

/// The generated typed client against the server on a real port.
@Suite("Typed client over real HTTP")
struct LiveClientTests {
    @Test func typedClientSignsInAndReadsProfile() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu").participant
        try await server.app().test(.live) { client in
            let port = try #require(client.port)
            let api = JHTClient.make(serverURL: URL(string: "http://127.0.0.1:\(port)")!)
            let config = try await api.getConfig().ok.body.json
            #expect(config.currentOnlineCeiling == 15_000_000)

            let challenge = try await api.requestParticipantCode(
                body: .json(.init(nik: siti.nik.rawValue, kpj: siti.kpj.rawValue, deviceId: "live-phone-1"))
            ).accepted.body.json
            #expect(challenge.sentTo == siti.phone!.masked)
            let code = try #require(server.inbox.latest(for: siti.phone!.rawValue))
            let tokens = try await api.exchangeCode(
                body: .json(.init(challengeId: challenge.challengeId, code: code, deviceId: "live-phone-1"))
            )
            .ok.body.json
            #expect(tokens.principal.kind == .participant)
            #expect(tokens.principal.id == siti.id.rawValue.uuidString)

            let authorised = JHTClient.make(
                serverURL: URL(string: "http://127.0.0.1:\(port)")!,
                middlewares: [BearerToken(token: tokens.accessToken)]
            )
            let me = try await authorised.getMe().ok.body.json
            #expect(me.participant.name == "Siti Rahayu")
            #expect(me.preconditions.membershipInactive)

            // A problem response decodes as the documented problem type.
            let refused = try await api.requestParticipantCode(
                body: .json(.init(nik: "1", kpj: siti.kpj.rawValue, deviceId: "live-phone-1"))
            )
            guard case .badRequest(let bad) = refused else {
                Issue.record("expected 400, got \(refused)")
                return
            }
            let problem = try bad.body.applicationProblemJson
            #expect(problem.code.rawValue == "nik.length")
            #expect(problem.errors?.first?.field == "nik")
        }
    }
}
