import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import Testing

/// Two phones of one participant, both over URLSession only, edit the same claim offline and
/// converge; the live stream is cut by the network and reconnects from the replica's cursor.
@Suite("Two phones over URLSession")
struct TwoPhonesConvergeTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func offlineEditsOnTwoPhonesConvergeAndTheLiveStreamReconnectsWithItsCursor() async throws {
        let server = try TestServer()
        try await server.app().test(.live) { client in
            let proxy = try await CuttingProxy.start(forwardingTo: try #require(client.port))
            let address = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(proxy.port)")!)
            let phoneA = try await URLSessionPhone.signIn(siti, device: "siti-phone-a", server: address, inbox: server.inbox)
            let phoneB = try await URLSessionPhone.signIn(siti, device: "siti-phone-b", server: address, inbox: server.inbox)
            defer {
                phoneA.remove()
                phoneB.remove()
            }

            // Phone A starts a draft and syncs; phone B pulls it.
            let claimID = UUID()
            let key = RecordKey(type: "claim", id: claimID.uuidString)
            try phoneA.client.mutate(
                record: key,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            try await phoneA.client.syncNow()
            #expect(try phoneA.client.syncState(of: key) == .synced)
            try await phoneB.client.syncNow()
            #expect(try phoneB.client.store.localRecord(key)?["status"] == "draft")

            // Both offline: A fills in the tax number and a BCA account; B, later, a Mandiri one.
            let bca = try JSONValue(encoding: TestAccounts.bca("Siti Rahayu"))
            let mandiri = try JSONValue(encoding: try BankAccount(bank: .mandiri, number: "1234567890123", holderName: "Siti Rahayu"))
            try phoneA.client.mutate(record: key, operation: .update(fields: ["bankAccount": bca, "taxNumber": "123456789012345"]))
            try await Task.sleep(for: .milliseconds(5))
            try phoneB.client.mutate(record: key, operation: .update(fields: ["bankAccount": mandiri]))
            #expect(try phoneA.client.syncState(of: key) == .pending)
            #expect(try phoneB.client.syncState(of: key) == .pending)

            // Back online, B follows the live stream; A syncs; B is poked and pulls A's edit.
            let events = LiveEvents()
            let following = phoneB.follow(events)
            defer { following.cancel() }
            #expect(try await eventually { try phoneB.client.syncState(of: key) == .synced })
            try await phoneA.client.syncNow()
            #expect(try await eventually { try phoneB.client.store.localRecord(key)?["taxNumber"] == "123456789012345" })
            try await phoneA.client.syncNow()

            // Both replicas hold the same record, equal to the server's: B's later account wins,
            // A's tax number stays.
            let recordA = try #require(try phoneA.client.store.localRecord(key))
            let recordB = try #require(try phoneB.client.store.localRecord(key))
            #expect(recordA == recordB)
            #expect(recordA["bankAccount"] == mandiri)
            #expect(recordA["taxNumber"] == "123456789012345")
            let fresh = try SyncClient(
                store: try ReplicaStore.inMemory(newDeviceID: "siti-fresh"),
                transport: URLSessionSyncTransport(server: address),
                tokens: phoneA.tokens
            )
            try await fresh.syncNow()
            #expect(try fresh.store.localRecord(key) == recordA)
            #expect(try phoneA.client.lastSyncedAt() != nil)

            // The network drops every connection: the stream reconnects from the cursor B reached,
            // and a change A makes afterwards still reaches B.
            let before = events.connections.count
            let reached = try phoneB.client.store.cursor()
            proxy.cutAll()
            #expect(try await eventually { events.connections.count > before })
            #expect(events.connections.last == reached, "it reconnected from the cursor the replica reached")
            try phoneA.client.mutate(record: key, operation: .update(fields: ["taxNumber": "987654321098765"]))
            try await phoneA.client.syncNow()
            #expect(try await eventually { try phoneB.client.store.localRecord(key)?["taxNumber"] == "987654321098765" })
            #expect(events.all.contains { if case .poked = $0 { true } else { false } })
            following.cancel()
            try await proxy.close()
        }
    }
}
