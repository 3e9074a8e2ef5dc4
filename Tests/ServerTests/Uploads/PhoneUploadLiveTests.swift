import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import PhoneSync
import Server
import Sync
import SyncHTTP
import Synchronization
import Testing

/// The phone's side end to end over real HTTP: the limit read from `GET /v1/config`, documents
/// queued offline next to the outbox with the claim submitted after them, uploads cut by a bad
/// network and resumed, and only then the attach mutations and the submit pushed.
@Suite("Phone uploads over HTTP")
struct PhoneUploadLiveTests {
    /// A network that drops connections: every third chunk only partly arrives (the server
    /// keeps what arrived), and the phone hears nothing back.
    final class FlakyNetwork: UploadTransport {
        let inner: HTTPUploadTransport
        private let sends = Mutex(0)

        init(_ inner: HTTPUploadTransport) { self.inner = inner }

        var cuts: Int { sends.withLock { $0 / 3 } }

        func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String {
            try await inner.create(length: length, metadata: metadata, accessToken: accessToken)
        }

        func offset(at location: String, accessToken: String) async throws -> Int64 {
            try await inner.offset(at: location, accessToken: accessToken)
        }

        func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64 {
            let count = sends.withLock { count in
                count += 1
                return count
            }
            guard count % 3 == 0, bytes.count > 10 else {
                return try await inner.send(bytes, to: location, at: offset, checksum: checksum, accessToken: accessToken)
            }
            let arrived = Array(bytes.prefix(bytes.count / 3))
            _ = try await inner.send(
                arrived,
                to: location,
                at: offset,
                checksum: DocumentDigest.uploadChecksum(arrived),
                accessToken: accessToken
            )
            throw UploadTransportError.transient("connection reset by peer")
        }
    }

    @Test func documentsQueuedOfflineUploadThroughCutsThenTheClaimIsSubmitted() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let config = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/v1/config"), timeout: .seconds(5))
            let body = try await config.body.collect(upTo: 1 << 20)
            let uploads = try #require(try JSON.object(body)["uploads"] as? [String: Any])
            let maxBytes = Int64(try #require(uploads["maxBytes"] as? Int))

            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: siti.participant.nik.rawValue,
                kpj: siti.participant.kpj.rawValue,
                deviceID: "siti-phone-a"
            ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }
            let phone = try SyncClient(
                store: try ReplicaStore.inMemory(newDeviceID: "siti-phone-a"),
                transport: HTTPSyncTransport(baseURL: base),
                tokens: tokens
            )
            try await phone.syncNow()

            // On the bus, offline: the claim, its documents, submit.
            let claimID = UUID()
            let key = RecordKey(type: "claim", id: claimID.uuidString)
            try phone.mutate(
                record: key,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            let account = try JSONValue(encoding: try BankAccount(bank: .bca, number: "1234567890", holderName: "SITI RAHAYU"))
            try phone.mutate(record: key, operation: .update(fields: ["bankAccount": account]))
            var files: [DocumentKind: Data] = [:]
            for (index, kind) in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie].enumerated() {
                let format: DocumentFormat = kind == .referenceLetter ? .pdf : (kind == .bankBook ? .png : .jpeg)
                let bytes = SampleFile.make(format, size: 150_000 + index * 10_000, seed: UInt64(40 + index))
                files[kind] = Data(bytes)
                try phone.queueDocument(Data(bytes), kind: kind, for: key, filename: "\(kind.rawValue).bin", maxBytes: maxBytes)
            }
            try phone.mutate(record: key, operation: .intent(Intent(name: .submitClaim)))
            let shown = try #require(try phone.store.localRecord(key)?["documents"]).decode(as: [ClaimDocument].self)
            #expect(shown.count == 5, "shown at once")

            // Online again. The sync goes first: only what precedes the documents is pushed.
            try await phone.syncNow()
            #expect(try phone.store.outbox().count == 6, "five attaches and the submit wait for the uploads")

            let network = FlakyNetwork(HTTPUploadTransport(baseURL: base))
            let uploader = DocumentUploader(
                client: phone,
                transport: network,
                chunkSize: 64 * 1024,
                backoff: RetryBackoff(initialSeconds: 0.01, jitter: 0, seed: 1)
            )
            let summary = try await uploader.run()
            #expect(summary.completed.count == 5)
            #expect(summary.failed.isEmpty)
            #expect(network.cuts > 0, "the network did drop connections")

            try await phone.syncNow()
            #expect(try phone.store.outbox().isEmpty)
            let rejections = try phone.store.rejections().map(\.rejection)
            #expect(rejections.isEmpty, "\(rejections)")
            let claim = try #require(try phone.store.localModel(Claim.self, id: claimID.uuidString))
            #expect(claim.status == .submitted)
            #expect(claim.documents.count == 5)
            for document in claim.documents {
                let original = try #require(files[document.kind])
                #expect(document.sha256 == DocumentDigest.sha256Hex(original))
                #expect(try await blobs.get(sha256: document.sha256) == original)
            }

            // The branch's CSO opens the bank book.
            let cso = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let bankBook = try #require(claim.documents.first { $0.kind == .bankBook })
            let read = try await client.executeRequest(
                uri: "/v1/claims/\(claimID.uuidString)/documents/\(bankBook.id.rawValue.uuidString)",
                method: .get,
                headers: [.authorization: "Bearer \(cso.access)"],
                body: nil
            )
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "image/png")
            #expect(Data(read.body.readableBytesView) == files[.bankBook])
        }
    }
}
