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

/// One path to the phone, over real HTTP: an officer's step pokes the phone's live stream and
/// the phone's replica shows the new status and stage after its pull.
@Suite("Office steps reach the phone live")
struct OfficeLiveTests {
    @Test func anOfficerStepPokesThePhoneAndItsReplicaShowsTheStage() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: siti.participant.nik.rawValue,
                kpj: siti.participant.kpj.rawValue,
                deviceID: "siti-phone-live"
            ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }
            let phone = try SyncClient(
                store: try ReplicaStore.inMemory(newDeviceID: "siti-phone-live"),
                transport: HTTPSyncTransport(baseURL: base),
                tokens: tokens
            )
            // The claim is filed offline on the phone, then synced.
            let claimID = UUID()
            let key = RecordKey(type: "claim", id: claimID.uuidString)
            try phone.mutate(
                record: key,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            try phone.mutate(
                record: key,
                operation: .update(fields: ["bankAccount": try JSONValue(encoding: TestAccounts.bca("Siti Rahayu"))])
            )
            let kinds = [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie]
            let siti = DemoData.people.first { $0.account.participant.name == "Siti Rahayu" }!.account
            let uploads = try await storedUploads(kinds, owner: siti.participant.id, claimID: claimID, store: server.store)
            for kind in kinds {
                try phone.mutate(
                    record: key,
                    operation: .intent(Intent(name: .attachDocument, arguments: attachArguments(uploads[kind], claimID: claimID)))
                )
            }
            try phone.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))
            try await phone.syncNow()
            #expect(try phone.store.localRecord(key)?["status"] == "submitted")

            // The phone listens; the CSO confirms the documents.
            let cursor = try phone.store.cursor()
            let stream = LiveStream(baseURL: base).pokes(after: cursor, accessToken: try #require(phone.accessToken))
            let poked = Task { () -> ContinuousClock.Instant? in
                for try await poke in stream where poke.cursor != cursor { return ContinuousClock.now }
                return nil
            }
            try await Task.sleep(for: .milliseconds(200))  // Let the stream connect before the step.
            let officer = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let sent = ContinuousClock.now
            let (status, _) = try await client.office("documents-complete", claim: claimID, token: officer)
            #expect(status == .ok)
            let arrived = try #require(try await withTimeout(seconds: 5) { try await poked.value })
            print("office step to phone poke: \(arrived - sent)")

            try await phone.syncNow()
            let claim = try #require(try phone.store.localRecord(key)).decode(as: Claim.self)
            #expect(claim.status == .documentsChecked)
            #expect(claim.stage == .penetapanKlaim)
            #expect(claim.sla.startedAt != nil)
            let notices = try phone.store.localRecords(type: "notification")
            #expect(notices.contains { $0["kind"] == "statusChanged" && $0["claimID"] == .string(claimID.uuidString) })
            poked.cancel()
        }
    }
}
