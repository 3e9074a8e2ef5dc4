import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import SyncHTTP
import Testing

/// Two phones of one participant over real HTTP: both edit offline, reconnect, converge, and
/// the live stream pokes the other phone.
@Suite("Live sync over HTTP")
struct LiveSyncTests {
    @Test func twoPhonesEditOfflineReconnectAndConverge() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            func phone(_ device: String) async throws -> SyncClient {
                let tokens = try await HTTPTokenProvider.signIn(
                    baseURL: base,
                    nik: siti.participant.nik.rawValue,
                    kpj: siti.participant.kpj.rawValue,
                    deviceID: device
                ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }
                return try SyncClient(
                    store: try ReplicaStore.inMemory(newDeviceID: device),
                    transport: HTTPSyncTransport(baseURL: base),
                    tokens: tokens
                )
            }
            let phoneA = try await phone("siti-phone-a")
            let phoneB = try await phone("siti-phone-b")
            try await phoneA.syncNow()
            try await phoneB.syncNow()
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
            #expect(try phoneA.store.localRecord(profile) != nil)

            // Phone A listens for pokes from here on.
            let cursorA = try phoneA.store.cursor()
            let stream = LiveStream(baseURL: base).pokes(after: cursorA, accessToken: try #require(phoneA.accessToken))
            let firstPoke = Task { () -> Poke? in
                for try await poke in stream where poke.cursor != cursorA { return poke }
                return nil
            }

            // Offline: both phones edit; B's email edit is the later one.
            let claimID = UUID()
            let claimKey = RecordKey(type: "claim", id: claimID.uuidString)
            try phoneA.mutate(record: profile, operation: .update(fields: ["email": "siti.a@example.co.id", "language": "su"]))
            try phoneA.mutate(
                record: claimKey,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            try await Task.sleep(for: .milliseconds(5))
            try phoneB.mutate(record: profile, operation: .update(fields: ["email": "siti.b@example.co.id"]))
            #expect(try phoneA.syncState(of: profile) == .pending)
            #expect(try phoneA.store.localRecord(claimKey)?["status"] == "draft", "the draft shows at once, offline")

            // Back online: B first, then A.
            try await phoneB.syncNow()
            let poke = try await withTimeout(seconds: 5) { try await firstPoke.value }
            #expect(try #require(poke).cursor != cursorA, "phone A was poked about phone B's change")
            try await phoneA.syncNow()
            try await phoneB.syncNow()

            for key in [profile, claimKey] {
                let a = try phoneA.store.localRecord(key)
                let b = try phoneB.store.localRecord(key)
                #expect(a == b, "\(key) converged")
                #expect(try phoneA.syncState(of: key) == .synced)
            }
            let merged = try #require(try phoneA.store.localRecord(profile))
            #expect(merged["email"] == "siti.b@example.co.id", "the later edit wins")
            #expect(merged["language"] == "su", "edits of different fields both stay")
            #expect(try phoneB.store.localRecord(claimKey)?["status"] == "draft")
            firstPoke.cancel()
        }
    }
}

/// Runs `body`, failing if it takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimeoutError()
        }
        let value = try await group.next()!
        group.cancelAll()
        return value
    }
}

struct TimeoutError: Error {}
