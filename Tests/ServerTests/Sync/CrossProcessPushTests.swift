import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import PostgresNIO
import Sync
import SyncHTTP
import Testing

@testable import Server

/// Two server processes on one PostgreSQL database: a phone streams live updates from one, and
/// a change written through the other pokes it (the commit's `NOTIFY` reaches every process).
@Suite("Push across processes")
struct CrossProcessPushTests {
    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func aPushThroughOneProcessPokesAPhoneStreamingFromAnother() async throws {
        let database = try await PostgresTestDatabase.create()
        let logger = PostgresTestDatabase.logger
        let storeA = try await PostgresStore.connect(to: database, maximumConnections: 4, logger: logger)
        let storeB = try await PostgresStore.connect(to: database, maximumConnections: 4, logger: logger)
        let inbox = CodeInbox()
        let configuration = ServerConfiguration(port: 0, databasePath: database.redacted, demo: true)
        // One deployment: every process signs with the same keys (one key file).
        let keys = SigningKeys.inMemory()
        func app(_ store: PostgresStore) async throws -> some ApplicationProtocol {
            try await buildApplication(
                configuration: configuration,
                dependencies: ServerDependencies(store: store, codeSender: inbox.sender, logger: logger, signingKeys: keys)
            )
        }
        let processA = try await app(storeA)
        let processB = try await app(storeB)
        let siti = Demo.person("Siti Rahayu")

        try await processA.test(.live) { clientA in
            try await processB.test(.live) { clientB in
                let baseA = "http://127.0.0.1:\(try #require(clientA.port))"
                let baseB = "http://127.0.0.1:\(try #require(clientB.port))"
                for client in [clientA, clientB] as [any TestClientProtocol] {
                    try await client.execute(uri: "/ready", method: .get) { (response: TestResponse) throws in
                        #expect(response.status == .ok)
                        #expect(try JSON.object(response.body)["store"] as? String == "postgres")
                    }
                }
                func phone(_ device: String, on base: String) async throws -> SyncClient {
                    let tokens = try await HTTPTokenProvider.signIn(
                        baseURL: base,
                        nik: siti.participant.nik.rawValue,
                        kpj: siti.participant.kpj.rawValue,
                        deviceID: device
                    ) { try #require(inbox.latest(for: siti.participant.phone!.rawValue)) }
                    return try SyncClient(
                        store: try ReplicaStore.inMemory(newDeviceID: device),
                        transport: HTTPSyncTransport(baseURL: base),
                        tokens: tokens
                    )
                }
                let phoneA = try await phone("siti-phone-a", on: baseA)
                let phoneB = try await phone("siti-phone-b", on: baseB)
                try await phoneA.syncNow()
                try await phoneB.syncNow()
                try await storeA.waitForListeners(2, on: PostgresStore.commitChannel)

                // Phone A streams from process A only. Asked from the start, process A pokes at
                // once: then the stream is subscribed, and what follows is news.
                let cursorA = try phoneA.store.cursor()
                try #require(!cursorA.isStart)
                let stream = LiveStream(baseURL: baseA).pokes(after: .start, accessToken: try #require(phoneA.accessToken))
                let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
                let poke = try await withTimeout(seconds: 10) { () -> Poke? in
                    var subscribed = false
                    for try await poke in stream {
                        if poke.cursor != cursorA { return poke }
                        guard !subscribed else { continue }
                        subscribed = true
                        // Phone B's change goes through process B only.
                        try phoneB.mutate(record: profile, operation: .update(fields: ["email": "siti.b@example.co.id"]))
                        try await phoneB.syncNow()
                    }
                    return nil
                }
                #expect(try #require(poke).cursor == (try phoneB.store.cursor()), "process A poked its phone with process B's cursor")
                try await phoneA.syncNow()
                #expect(try phoneA.store.localRecord(profile)?["email"] == "siti.b@example.co.id", "phone A pulled the change from A")
            }
        }
    }
}
