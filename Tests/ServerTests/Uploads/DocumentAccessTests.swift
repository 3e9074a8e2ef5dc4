import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// Only the participant and officers of the claim's branch read a document; for everybody
/// else it does not exist.
@Suite("Reading documents")
struct DocumentAccessTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func theParticipantAndTheBranchReadItNobodyElseLearnsItExists() async throws {
        let blobs = try temporaryBlobStore()
        let server = try TestServer(blobs: blobs)
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let file = SampleFile.make(.pdf, size: 20_000, seed: 8)
            let location = try await client.uploadDocument(file, kind: .referenceLetter, claimID: claimID, token: tokens.access)
            let response = try await client.push(
                [
                    phone.intent(
                        .createClaimDraft,
                        ["claimID": .string(claimID.uuidString), "reason": "resignation"],
                        record: Claim.key(claimID)
                    ),
                    phone.intent(.attachDocument, attachArguments(claimID: claimID, location: location), record: Claim.key(claimID)),
                ],
                device: phone.id,
                token: tokens.access
            )
            #expect(response.results.map(\.outcome) == [.applied, .applied])
            let documentID = uploadID(location)
            let path = "/v1/claims/\(claimID.uuidString)/documents/\(documentID.uuidString)"

            func read(_ token: String?, _ uri: String = path) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
            }

            let own = try await read(tokens.access)
            #expect(own.status == .ok)
            #expect(own.headers[.contentType] == "application/pdf")
            #expect(own.headers[.eTag] == "\"\(SampleFile.sha256(file))\"")
            #expect(own.headers[.cacheControl] == "private, no-store")
            #expect(own.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(Data(own.body.readableBytesView) == Data(file))

            let cso = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let sameBranch = try await read(cso.access)
            #expect(sameBranch.status == .ok)
            #expect(Data(sameBranch.body.readableBytesView) == Data(file))
            #expect(server.logs.all.contains { $0.contains("document read by officer") }, "the office's reads are recorded")

            let makassar = try await client.signIn(officer: Demo.officer("2001"), device: "counter-pc-2", inbox: server.inbox)
            let budi = try await client.signIn(Demo.person("Budi Santoso"), device: "budi-phone-1", inbox: server.inbox)
            let missing = try await read(tokens.access, "/v1/claims/\(claimID.uuidString)/documents/\(UUID().uuidString)")
            #expect(missing.status == .notFound)
            for token in [makassar.access, budi.access] {
                let refused = try await read(token)
                #expect(refused.status == missing.status)
                var refusedProblem = try JSON.object(refused.body)
                var missingProblem = try JSON.object(missing.body)
                refusedProblem["instance"] = nil
                missingProblem["instance"] = nil
                #expect(
                    NSDictionary(dictionary: refusedProblem) == NSDictionary(dictionary: missingProblem),
                    "the same answer as for no document"
                )
                #expect(refusedProblem["code"] as? String == "document.notFound")
            }
            #expect(try await read(nil).status == .unauthorized)
            #expect(try await read(tokens.access, "/v1/claims/x/documents/y").status == .notFound)
        }
    }
}
