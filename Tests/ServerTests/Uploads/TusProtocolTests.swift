import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

/// The tus 1.0 endpoints, request by request, in process.
@Suite("Resumable uploads (tus)")
struct TusProtocolTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func optionsAnnounceVersionExtensionsLimitAndChecksums() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let response = try await client.executeRequest(uri: "/v1/uploads", method: .options, headers: [:], body: nil)
            #expect(response.status == .noContent)
            #expect(response.headers[.tusResumable] == "1.0.0")
            #expect(response.headers[HTTPField.Name("Tus-Version")!] == "1.0.0")
            let extensions = try #require(response.headers[HTTPField.Name("Tus-Extension")!]).split(separator: ",")
            #expect(Set(extensions) == ["creation", "expiration", "checksum", "termination"])
            #expect(response.headers[HTTPField.Name("Tus-Max-Size")!] == String(10 * 1024 * 1024))
            #expect(response.headers[HTTPField.Name("Tus-Checksum-Algorithm")!]?.hasPrefix("sha256") == true)
        }
    }

    @Test func createHeadPatchInChunksThenTheBlobIsKeptByItsHash() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.png, size: 100_000, seed: 3)
            let created = try await client.createUpload(
                token: tokens.access,
                length: file.count,
                metadata: ["filename": "ktp.png", "filetype": "image/png", "kind": "idCard", "sha256": SampleFile.sha256(file)]
            )
            #expect(created.status == .created)
            #expect(created.headers[.tusResumable] == "1.0.0")
            #expect(created.headers[.uploadOffset] == "0")
            #expect(created.headers[HTTPField.Name("Upload-Expires")!]?.hasSuffix("GMT") == true)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/v1/uploads/"))

            var offset = 0
            for size in [10_000, 33_333, 56_667] {
                let head = try await client.headUpload(location, token: tokens.access)
                #expect(head.status == .ok)
                #expect(head.headers[.uploadOffset] == String(offset))
                #expect(head.headers[HTTPField.Name("Upload-Length")!] == String(file.count))
                #expect(head.headers[.cacheControl] == "no-store")
                #expect(head.body.readableBytes == 0, "HEAD answers carry no body")
                let chunk = Array(file[offset..<(offset + size)])
                let patched = try await client.patchUpload(location, offset: offset, bytes: chunk, token: tokens.access)
                #expect(patched.status == .noContent)
                offset += size
                #expect(patched.headers[.uploadOffset] == String(offset))
            }
            let upload = try #require(try await server.store.upload(id: uploadID(location)))
            #expect(upload.isComplete)
            #expect(upload.verified)
            #expect(upload.format == .png)
            #expect(upload.sha256 == SampleFile.sha256(file))
            #expect(try await blobs.get(sha256: SampleFile.sha256(file)) == Data(file))
            #expect(try await blobs.stagedLength(upload: upload.id) == nil, "nothing stays staged")
            let path = blobs.root.appendingPathComponent(String(upload.sha256!.prefix(2))).appendingPathComponent(
                String(upload.sha256!.dropFirst(2).prefix(2))
            ).appendingPathComponent(upload.sha256!).path
            #expect(FileManager.default.fileExists(atPath: path), "content-addressed folder ab/cd/abcd...")
            #expect(!server.logs.all.contains { $0.contains("ktp.png") }, "file names stay out of the logs")
        }
    }

    @Test func oversizedUploadIsRefusedAtCreationNamingTheLimitAndNothingIsStored() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let response = try await client.createUpload(token: tokens.access, length: 10 * 1024 * 1024 + 1, metadata: ["kind": "bankBook"])
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.tusResumable] == "1.0.0")
            let problem = try JSON.object(response.body)
            #expect(problem["code"] as? String == "upload.tooLarge")
            #expect((problem["detail"] as? String)?.contains("10 MB") == true, "the message names the limit")
            #expect(problem["maxBytes"] as? Int == 10 * 1024 * 1024)
            #expect(response.headers[.location] == nil)
            #expect(try await server.store.uploads(owner: siti.participant.id).isEmpty)
            let staged = try FileManager.default.contentsOfDirectory(atPath: blobs.root.appendingPathComponent("staging").path)
            #expect(staged.isEmpty)
            // Exactly at the limit is fine.
            let atLimit = try await client.createUpload(token: tokens.access, length: 10 * 1024 * 1024)
            #expect(atLimit.status == .created)
        }
    }

    @Test func disguisedTypesAreRefusedAtTheFirstBytesAndTheUploadEnds() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            // A PDF sent as a JPEG photo, a Windows program named ktp.jpg, an HTML page.
            let cases: [(bytes: [UInt8], filetype: String?, code: String)] = [
                (SampleFile.make(.pdf, size: 5_000), "image/jpeg", "upload.disguisedType"),
                (
                    Array("MZ\u{90}\u{0}\u{3}\u{0}\u{0}\u{0}".utf8) + SampleFile.make(.jpeg, size: 5_000).dropFirst(3), "image/jpeg",
                    "upload.type"
                ),
                (Array("<html><script>alert(1)</script></html>".utf8), nil, "upload.type"),
            ]
            for item in cases {
                var metadata = ["filename": "ktp.jpg", "kind": "idCard"]
                if let filetype = item.filetype { metadata["filetype"] = filetype }
                let created = try await client.createUpload(token: tokens.access, length: item.bytes.count, metadata: metadata)
                let location = try #require(created.headers[.location])
                let patched = try await client.patchUpload(location, offset: 0, bytes: item.bytes, token: tokens.access)
                #expect(patched.status == .unsupportedMediaType)
                #expect(try JSON.object(patched.body)["code"] as? String == item.code)
                #expect(try await client.headUpload(location, token: tokens.access).status == .notFound, "the upload was cancelled")
                #expect(try await blobs.stagedLength(upload: uploadID(location)) == nil)
            }
            // A type the server does not take, named up front, is refused before any byte.
            let gif = try await client.createUpload(token: tokens.access, length: 100, metadata: ["filetype": "image/gif"])
            #expect(gif.status == .unsupportedMediaType)
            #expect(try await server.store.uploads(owner: siti.participant.id).isEmpty)
        }
    }

    @Test func checksumMismatchIsRefusedWith460AndTheChunkDiscarded() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.jpeg, size: 40_000, seed: 9)
            let location = try #require(
                try await client.createUpload(token: tokens.access, length: file.count, metadata: ["kind": "bankBook"]).headers[.location]
            )
            let first = Array(file[0..<20_000])
            let good = "sha256 " + Data(SHA256.hash(data: first)).base64EncodedString()
            let wrong = "sha256 " + Data(SHA256.hash(data: Array(first.dropLast()))).base64EncodedString()
            let refused = try await client.patchUpload(location, offset: 0, bytes: first, token: tokens.access, checksum: wrong)
            #expect(refused.status.code == 460)
            #expect(try JSON.object(refused.body)["code"] as? String == "upload.checksumMismatch")
            #expect(try await client.headUpload(location, token: tokens.access).headers[.uploadOffset] == "0", "nothing of the chunk stays")
            #expect(try await blobs.stagedLength(upload: uploadID(location)) ?? 0 == 0)

            let accepted = try await client.patchUpload(location, offset: 0, bytes: first, token: tokens.access, checksum: good)
            #expect(accepted.status == .noContent)
            #expect(accepted.headers[.uploadOffset] == "20000")
            // SHA-1, which tus requires every server to take, works too.
            let rest = Array(file[20_000...])
            let sha1 = "sha1 " + Data(Insecure.SHA1.hash(data: rest)).base64EncodedString()
            let last = try await client.patchUpload(location, offset: 20_000, bytes: rest, token: tokens.access, checksum: sha1)
            #expect(last.status == .noContent)
            #expect(try await blobs.get(sha256: SampleFile.sha256(file)) == Data(file))
            // An unknown algorithm is a 400, not a silent pass.
            let other = try #require(try await client.createUpload(token: tokens.access, length: 10).headers[.location])
            let md5 = try await client.patchUpload(other, offset: 0, bytes: Array(file[0..<10]), token: tokens.access, checksum: "md5 AAAA")
            #expect(md5.status == .badRequest)
        }
    }

    @Test func aWholeFileThatDoesNotMatchItsDeclaredSHA256IsNotKept() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.jpeg, size: 3_000, seed: 1)
            var damaged = file
            damaged[2_000] ^= 0xFF
            let location = try #require(
                try await client.createUpload(token: tokens.access, length: file.count, metadata: ["sha256": SampleFile.sha256(file)])
                    .headers[.location]
            )
            let response = try await client.patchUpload(location, offset: 0, bytes: damaged, token: tokens.access)
            #expect(response.status.code == 460)
            #expect(try JSON.object(response.body)["code"] as? String == "upload.fileChecksumMismatch")
            #expect(try await blobs.exists(sha256: SampleFile.sha256(damaged)) == false)
            #expect(try await client.headUpload(location, token: tokens.access).status == .notFound)
        }
    }

    @Test func offsetsLengthsAndVersionsAreChecked() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.pdf, size: 1_000)
            let location = try #require(try await client.createUpload(token: tokens.access, length: file.count).headers[.location])
            let wrongOffset = try await client.patchUpload(location, offset: 10, bytes: Array(file[10..<20]), token: tokens.access)
            #expect(wrongOffset.status == .conflict)
            #expect(try JSON.object(wrongOffset.body)["offset"] as? Int == 0)
            let tooMuch = try await client.patchUpload(location, offset: 0, bytes: file + [0], token: tokens.access)
            #expect(tooMuch.status == .contentTooLarge)
            #expect(try await client.headUpload(location, token: tokens.access).headers[.uploadOffset] == "0")

            var oldVersion = HTTPFields.tus(tokens.access)
            oldVersion[.tusResumable] = "0.2.2"
            let refused = try await client.executeRequest(uri: location, method: .head, headers: oldVersion, body: nil)
            #expect(refused.status == .preconditionFailed)
            #expect(refused.headers[HTTPField.Name("Tus-Version")!] == "1.0.0")
            let noVersion = try await client.executeRequest(
                uri: "/v1/uploads",
                method: .post,
                headers: [.authorization: "Bearer \(tokens.access)"],
                body: nil
            )
            #expect(noVersion.status == .preconditionFailed)

            var wrongType = HTTPFields.tus(tokens.access)
            wrongType[.contentType] = "application/json"
            wrongType[.uploadOffset] = "0"
            let json = try await client.executeRequest(uri: location, method: .patch, headers: wrongType, body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
            #expect(json.headers[.tusResumable] == "1.0.0")

            var deferHeaders = HTTPFields.tus(tokens.access)
            deferHeaders[HTTPField.Name("Upload-Defer-Length")!] = "1"
            let deferred = try await client.executeRequest(uri: "/v1/uploads", method: .post, headers: deferHeaders, body: nil)
            #expect(deferred.status == .badRequest)
            let empty = try await client.createUpload(token: tokens.access, length: 0)
            #expect(empty.status == .badRequest)
            var badMetadata = HTTPFields.tus(tokens.access)
            badMetadata[.uploadLength] = "10"
            badMetadata[.uploadMetadata] = "kind bm90LWEta2luZA=="
            #expect(
                try await client.executeRequest(uri: "/v1/uploads", method: .post, headers: badMetadata, body: nil).status == .badRequest
            )
        }
    }

    @Test func uploadsBelongToTheirParticipantAndNeedASignIn() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let sitiTokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let budiTokens = try await client.signIn(Demo.person("Budi Santoso"), device: "budi-phone-1", inbox: server.inbox)
            let officerTokens = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let file = SampleFile.make(.jpeg, size: 500)
            let location = try #require(try await client.createUpload(token: sitiTokens.access, length: file.count).headers[.location])

            #expect(try await client.createUpload(token: nil, length: 10).status == .unauthorized)
            #expect(try await client.createUpload(token: officerTokens.access, length: 10).status == .forbidden)
            let unknown = "/v1/uploads/\(UUID().uuidString.lowercased())"
            for token in [budiTokens.access, officerTokens.access] {
                let head = try await client.headUpload(location, token: token)
                let headUnknown = try await client.headUpload(unknown, token: token)
                #expect(head.status == headUnknown.status, "somebody else's upload looks exactly like none")
                let patch = try await client.patchUpload(location, offset: 0, bytes: file, token: token)
                #expect(patch.status == .notFound || patch.status == .forbidden)
                let delete = try await client.executeRequest(uri: location, method: .delete, headers: .tus(token), body: nil)
                #expect(delete.status == .notFound || delete.status == .forbidden)
            }
            #expect(try await client.headUpload(location, token: budiTokens.access).status == .notFound)
            #expect(try await client.headUpload(location, token: sitiTokens.access).headers[.uploadOffset] == "0", "still there")
            #expect(try await client.headUpload("/v1/uploads/not-a-uuid", token: sitiTokens.access).status == .notFound)
        }
    }

    @Test func terminationDropsTheUploadAndItsBytes() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let file = SampleFile.make(.jpeg, size: 5_000)
            let location = try #require(try await client.createUpload(token: tokens.access, length: file.count).headers[.location])
            _ = try await client.patchUpload(location, offset: 0, bytes: Array(file[0..<1_000]), token: tokens.access)
            #expect(try await blobs.stagedLength(upload: uploadID(location)) == 1_000)
            let deleted = try await client.executeRequest(uri: location, method: .delete, headers: .tus(tokens.access), body: nil)
            #expect(deleted.status == .noContent)
            #expect(deleted.headers[.tusResumable] == "1.0.0")
            #expect(try await blobs.stagedLength(upload: uploadID(location)) == nil)
            #expect(try await client.headUpload(location, token: tokens.access).status == .notFound)
        }
    }

    @Test func aParticipantHasALimitedNumberOfUnfinishedUploads() async throws {
        var limits = UploadLimits()
        limits.maxOpenUploads = 2
        let server = try TestServer(uploads: limits)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            #expect(try await client.createUpload(token: tokens.access, length: 10).status == .created)
            #expect(try await client.createUpload(token: tokens.access, length: 10).status == .created)
            let third = try await client.createUpload(token: tokens.access, length: 10)
            #expect(third.status == .tooManyRequests)
            #expect(try JSON.object(third.body)["code"] as? String == "upload.tooManyOpen")
        }
    }
}
