import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import Server
import SyncHTTP
import Testing

/// A refresh token works once: a phone whose sync loop, live stream and uploads all hit a 401
/// at the same moment must send it once, not three times (which would revoke the family).
@Suite("Token refresh over HTTP")
struct TokenRefreshTests {
    @Test func concurrentRefreshesShareOneRotation() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: siti.participant.nik.rawValue,
                kpj: siti.participant.kpj.rawValue,
                deviceID: "siti-phone-refresh"
            ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }
            let firstRefreshToken = tokens.refreshToken
            // Before refreshes were shared, four of these sent a used token: the server took it for
            // theft, revoked the family, and they (and every later refresh) failed.
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<5 { group.addTask { try await tokens.refresh() } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(answers.count == 5)
            #expect(Set(answers).count == 1, "every caller got the one new access token")
            let secondRefreshToken = tokens.refreshToken
            #expect(secondRefreshToken != firstRefreshToken)
            // The family is alive: the next refresh rotates again.
            _ = try await tokens.refresh()
            #expect(tokens.refreshToken != secondRefreshToken)
        }
    }
}
