import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// A real, unmodified tus client (tuspy, from PyPI; `scripts/install-deps.sh` installs it)
/// uploads to the running server, in two sessions with a resume in between; the document is
/// then attached to a claim and read back.
@Suite("Third-party tus client")
struct TusClientIntegrationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Outcome: Decodable {
        var url: String
        var uploadID: String
        var size: Int
        var sha256: String
        var offsetAfterFirstSession: Int
        var resumedFrom: Int
        var offset: Int
    }

    /// Runs `python3 scripts/tus_upload_check.py …` and returns its exit status and output.
    static func runCheck(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("scripts/tus_upload_check.py").path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let finished: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (finished, text, problems)
    }

    @Test func tuspyUploadsResumesAndTheDocumentIsAttached() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        let siti = Demo.person("Siti Rahayu")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = SampleFile.make(.pdf, size: 700_000, seed: 31)
        let path = folder.appendingPathComponent("surat-keterangan-kerja.pdf")
        try Data(file).write(to: path)

        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            _ = try await client.push(
                [
                    phone.intent(
                        .createClaimDraft,
                        ["claimID": .string(claimID.uuidString), "reason": "resignation"],
                        record: Claim.key(claimID)
                    )
                ],
                device: phone.id,
                token: tokens.access
            )

            let run = try await Self.runCheck([
                base, tokens.access, path.path, "--kind", "referenceLetter", "--claim", claimID.uuidString, "--chunk-size", "100000",
                "--stop-at", "250000",
            ])
            #expect(run.status == 0, "tuspy failed: \(run.errors)")
            let outcome = try JSONDecoder().decode(Outcome.self, from: Data(try #require(run.output.split(separator: "\n").last).utf8))
            #expect(outcome.offsetAfterFirstSession == 250_000)
            #expect(outcome.resumedFrom == 250_000, "the second session asked the server and continued there")
            #expect(outcome.offset == file.count)
            #expect(outcome.url.hasPrefix(base + "/v1/uploads/"))

            let id = try #require(UUID(uuidString: outcome.uploadID))
            let upload = try #require(try await server.store.upload(id: id))
            #expect(upload.isComplete && upload.verified)
            #expect(upload.format == .pdf)
            #expect(upload.metadata.kind == .referenceLetter)
            #expect(try await blobs.get(sha256: SampleFile.sha256(file)) == Data(file))

            let attached = try await client.push(
                [phone.intent(.attachDocument, attachArguments(claimID: claimID, location: outcome.url), record: Claim.key(claimID))],
                device: phone.id,
                token: tokens.access
            )
            #expect(attached.results[0].outcome == .applied)
            let read = try await client.executeRequest(
                uri: "/v1/claims/\(claimID.uuidString)/documents/\(outcome.uploadID)",
                method: .get,
                headers: [.authorization: "Bearer \(tokens.access)"],
                body: nil
            )
            #expect(read.status == .ok)
            #expect(Data(read.body.readableBytesView) == Data(file))
        }
    }

    @Test func tuspyIsToldTheLimitBeforeSendingAByte() async throws {
        var limits = UploadLimits()
        limits.maxBytes = 100_000
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs, uploads: limits)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("buku-tabungan.jpg")
        try Data(SampleFile.make(.jpeg, size: 150_000)).write(to: path)
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await client.signIn(Demo.person("Siti Rahayu"), device: "siti-phone-1", inbox: server.inbox)
            let run = try await Self.runCheck([base, tokens.access, path.path, "--kind", "bankBook"])
            #expect(run.status != 0)
            #expect(run.errors.contains("413"), "tuspy reports the refusal: \(run.errors)")
            #expect(try await server.store.uploads(owner: Demo.person("Siti Rahayu").participant.id).isEmpty)
        }
    }
}
