import APIClient
import APITypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import Testing

/// A claim from draft to paid with the phone on URLSession only: filed offline, its
/// documents' upload cut by the network and the app killed while it waits to retry, resumed
/// after the restart from where the server's bytes end, then followed live through every
/// office step (officers sign in and act through the typed client).
@Suite("A claim to paid over URLSession")
struct ClaimToPaidOverURLSessionTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func aClaimIsPaidAfterItsUploadWasCutAndTheAppKilled() async throws {
        var configured = try TestServer(blobs: try temporaryBlobStore())
        configured.adapters = (DemoData.civilRegistry, DemoData.bank())
        let server = configured
        try await server.app().test(.live) { client in
            let port = try #require(client.port)
            let direct = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(port)")!)
            let proxy = try await CuttingProxy.start(forwardingTo: port)
            let cutting = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(proxy.port)")!)
            let api = JHTClient.make(serverURL: direct.baseURL, session: direct.session)
            let maxBytes = try await api.getConfig().ok.body.json.uploads.maxBytes

            let phone = try await URLSessionPhone.signIn(siti, device: "siti-phone-claim", server: direct, inbox: server.inbox)
            defer { phone.remove() }

            // On the bus, offline: the draft, the bank account, five documents, submit.
            let claimID = UUID()
            let key = RecordKey(type: "claim", id: claimID.uuidString)
            try phone.client.mutate(
                record: key,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            let account = try JSONValue(encoding: TestAccounts.bca("SITI RAHAYU"))
            try phone.client.mutate(record: key, operation: .update(fields: ["bankAccount": account]))
            var files: [DocumentKind: Data] = [:]
            for (index, kind) in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie].enumerated() {
                let format: DocumentFormat = kind == .referenceLetter ? .pdf : (kind == .bankBook ? .png : .jpeg)
                let bytes = Data(SampleFile.make(format, size: 150_000 + index * 10_000, seed: UInt64(60 + index)))
                files[kind] = bytes
                try phone.client.queueDocument(bytes, kind: kind, for: key, filename: "\(kind.rawValue).bin", maxBytes: maxBytes)
            }
            try phone.client.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))

            // Online: the sync sends what precedes the documents; the attaches and the submit wait.
            try await phone.client.syncNow()
            #expect(try phone.client.store.outbox().count == 6)

            // The network cuts the upload 100 kB in (inside the first document's second chunk);
            // the app is killed while it waits to retry.
            proxy.cut(afterUpstreamBytes: 100_000)
            let killed = phone.uploader(through: cutting) { _ in throw CancellationError() }
            await #expect(throws: CancellationError.self) { try await killed.run() }
            #expect(proxy.cuts == 1)
            let interrupted = try #require(try phone.client.store.queuedUploads().first)
            let location = try #require(interrupted.location, "the upload was created before the cut")
            #expect(interrupted.confirmedOffset == 64 * 1024, "the first chunk is confirmed, the cut one is not")
            #expect(interrupted.state == .waiting)

            // Started again: the same upload resumes from the server's offset, and the rest follow.
            let relaunched = try phone.relaunched()
            let summary = try await relaunched.uploader(through: cutting).run()
            #expect(summary.completed.count == 5)
            #expect(summary.failed.isEmpty)
            let resumed = try #require(try relaunched.client.store.queuedUploads().first { $0.id == interrupted.id })
            #expect(
                resumed.state == .complete(uploadID: try #require(UploadMachine.uploadID(in: location))),
                "no second upload was created"
            )
            let sent = files.values.reduce(0) { $0 + $1.count }
            #expect(proxy.upstreamBytes < sent + 100_000, "only the cut chunk was sent twice")

            try await relaunched.client.syncNow()
            #expect(try relaunched.client.store.outbox().isEmpty)
            #expect(try relaunched.client.store.rejections().isEmpty)
            let submitted = try #require(try relaunched.client.store.localModel(Claim.self, id: claimID.uuidString))
            #expect(submitted.status == .submitted)
            #expect(submitted.documents.count == 5)
            for document in submitted.documents {
                #expect(document.sha256 == DocumentDigest.sha256Hex(try #require(files[document.kind])))
            }

            // The phone follows the live stream while four officers take their steps.
            let events = LiveEvents()
            let following = relaunched.follow(events)
            defer { following.cancel() }
            let steps: [(officer: String, status: ClaimStatus)] = [
                ("1001", .documentsChecked), ("1002", .verified), ("1003", .approved), ("1004", .paid),
            ]
            for step in steps {
                let officer = try await officerClient(step.officer, server: direct, inbox: server.inbox)
                let path = Operations.ConfirmDocumentsComplete.Input.Path(claimId: claimID.uuidString)
                switch step.status {
                case .documentsChecked: _ = try await officer.confirmDocumentsComplete(path: path).ok
                case .verified: _ = try await officer.verifyClaim(path: .init(claimId: claimID.uuidString)).ok
                case .approved: _ = try await officer.approveClaim(path: .init(claimId: claimID.uuidString)).ok
                default: _ = try await officer.payClaim(path: .init(claimId: claimID.uuidString)).ok
                }
                let reached = try await eventually {
                    try relaunched.client.store.localModel(Claim.self, id: claimID.uuidString)?.status == step.status
                }
                #expect(reached, "the phone shows \(step.status) without being asked to sync")
            }
            let paid = try #require(try relaunched.client.store.localModel(Claim.self, id: claimID.uuidString))
            #expect(paid.status == .paid)
            #expect(paid.stage == .selesai)
            #expect(try relaunched.client.syncState(of: key) == .synced)
            #expect(events.all.contains { if case .poked = $0 { true } else { false } })
            following.cancel()
            try await proxy.close()
        }
    }

    /// An officer signed in with the SDK's token provider, acting through the typed client.
    func officerClient(_ number: String, server: ServerAddress, inbox: CodeInbox) async throws -> some APIProtocol {
        let officer = Demo.officer(number)
        let tokens = try await URLSessionTokenProvider.signInOfficer(
            server: server,
            employeeNumber: number,
            deviceID: "counter-pc-\(number)"
        ) { try #require(inbox.latest(for: officer.phone!.rawValue)) }
        return JHTClient.make(
            serverURL: server.baseURL,
            session: server.session,
            middlewares: [BearerToken(token: try await tokens.accessToken())]
        )
    }
}
