import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import Synchronization
import Testing

/// The phone's requests over URLSession all hit 401 at once (the access token expired while
/// the app slept): the sync loop, the uploader and other callers share the rotations of one
/// refresh token family, which the server never sees reused.
@Suite("Token refresh over URLSession")
struct URLSessionTokenRefreshTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func concurrentCallersShareOneRotationAndAnExpiredTokenDropsNoWrite() async throws {
        let server = try TestServer()
        try await server.app().test(.live) { client in
            let address = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(try #require(client.port))")!)
            let signedIn = try await URLSessionTokenProvider.signIn(
                server: address,
                nik: siti.participant.nik.rawValue,
                kpj: siti.participant.kpj.rawValue,
                deviceID: "siti-phone-refresh"
            ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }

            // Five callers at once: one rotation, one new token for all.
            let rotations = Mutex<[SessionTokens.Pair]>([])
            let tokens = URLSessionTokenProvider(
                server: address,
                deviceID: "siti-phone-refresh",
                tokens: signedIn.session.current,
                rotated: { pair in rotations.withLock { $0.append(pair) } }
            )
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<5 { group.addTask { try await tokens.refresh() } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(answers).count == 1)
            #expect(rotations.withLock { $0.count } == 1)

            // The app wakes with an expired access token: a push and an upload both meet 401 and
            // both go through after the shared refresh; the family stays alive.
            let stale = URLSessionTokenProvider(
                server: address,
                deviceID: "siti-phone-refresh",
                tokens: SessionTokens.Pair(accessToken: "expired", refreshToken: tokens.session.current.refreshToken)
            )
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("jht-replica-\(UUID().uuidString).sqlite").path
            let phone = try URLSessionPhone(server: address, tokens: stale, replicaPath: path, device: "siti-phone-refresh")
            defer { phone.remove() }
            let key = RecordKey(type: "claim", id: UUID().uuidString)
            try phone.client.mutate(
                record: key,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            try phone.client.queueDocument(
                Data(SampleFile.make(.jpeg, size: 90_000, seed: 9)),
                kind: .idCard,
                for: key,
                maxBytes: 10 * 1024 * 1024
            )
            async let synced: Void = phone.client.syncNow()
            async let uploaded = phone.uploader().run()
            try await synced
            let summary = try await uploaded
            #expect(summary.completed.count == 1)
            try await phone.client.syncNow()
            #expect(try phone.client.store.outbox().isEmpty)
            #expect(try phone.client.store.rejections().isEmpty)
            #expect(try phone.client.store.localRecord(key)?["documents"] != nil)
            _ = try await stale.refresh()
        }
    }

    @Test func theLiveStreamOverURLSessionAnswersAnExpiredTokenWithUnauthorized() async throws {
        let server = try TestServer()
        try await server.app().test(.live) { client in
            let address = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(try #require(client.port))")!)
            let pokes = URLSessionLiveStream(server: address).pokes(after: .start, accessToken: "expired")
            await #expect(throws: SyncTransportError.unauthorized) {
                for try await _ in pokes {}
            }
        }
    }
}
