import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// A claim references a document only once its upload is complete, verified and the
/// participant's own; anything else is a rejection with a reason, and changes nothing.
@Suite("Attaching uploaded documents")
struct DocumentAttachTests {
    let siti = Demo.person("Siti Rahayu")

    /// Signs Siti in and starts a draft claim.
    func draft(_ client: some TestClientProtocol, _ server: TestServer) async throws -> (Tokens, TestDevice, UUID) {
        let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
        var phone = TestDevice(id: "siti-phone-1")
        let claimID = UUID()
        let created = try await client.push(
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
        #expect(created.results[0].outcome == .applied)
        return (tokens, phone, claimID)
    }

    func attach(
        _ client: some TestClientProtocol,
        _ phone: inout TestDevice,
        _ arguments: [String: JSONValue],
        claimID: UUID,
        token: String
    ) async throws -> MutationOutcome {
        try await client.push([phone.intent(.attachDocument, arguments, record: Claim.key(claimID))], device: phone.id, token: token)
            .results[0].outcome
    }

    @Test func aCompleteVerifiedUploadIsAttachedWithTheServersFacts() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            var (tokens, phone, claimID) = try await draft(client, server)
            let file = SampleFile.make(.png, size: 12_345, seed: 4)
            let location = try await client.uploadDocument(file, kind: .bankBook, claimID: claimID, token: tokens.access)
            let documentID = UUID()
            let outcome = try await attach(
                client,
                &phone,
                attachArguments(claimID: claimID, location: location, extra: ["documentID": .string(documentID.uuidString)]),
                claimID: claimID,
                token: tokens.access
            )
            #expect(outcome == .applied)
            let page = try await client.pull(token: tokens.access)
            let claim = try #require(page.changes.first { $0.record.key == Claim.key(claimID) }).record.decode(as: Claim.self)
            let document = try #require(claim.documents.first)
            #expect(claim.documents.count == 1)
            #expect(document.id.rawValue == documentID)
            #expect(document.kind == .bankBook, "the kind given at upload")
            #expect(document.sha256 == SampleFile.sha256(file))
            #expect(document.byteCount == Int64(file.count))
            #expect(document.contentType == "image/png", "the type recognised from the content")
            #expect(document.uploadID == uploadID(location))
            #expect(try await server.store.upload(id: uploadID(location))?.retained == true)
        }
    }

    @Test func anythingButAFinishedVerifiedOwnUploadIsRejectedWithAReason() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            var (tokens, phone, claimID) = try await draft(client, server)
            let file = SampleFile.make(.jpeg, size: 8_000, seed: 2)

            // Half an upload.
            let partial = try #require(
                try await client.createUpload(token: tokens.access, length: file.count, metadata: ["kind": "idCard"]).headers[.location]
            )
            _ = try await client.patchUpload(partial, offset: 0, bytes: Array(file[0..<3_000]), token: tokens.access)
            // Somebody else's finished upload.
            let budiTokens = try await client.signIn(Demo.person("Budi Santoso"), device: "budi-phone-1", inbox: server.inbox)
            let budis = try await client.uploadDocument(file, kind: .idCard, token: budiTokens.access)
            // A finished upload without a SHA-256 to check it against.
            let unverified = try await client.uploadDocument(file, kind: .idCard, token: tokens.access, declareSHA256: false)
            // A finished upload for another claim; a PDF as a selfie.
            let otherClaim = try await client.uploadDocument(
                SampleFile.make(.jpeg, size: 900),
                kind: .idCard,
                claimID: UUID(),
                token: tokens.access
            )
            let pdf = try await client.uploadDocument(SampleFile.make(.pdf, size: 900), kind: .selfie, token: tokens.access)
            let good = try await client.uploadDocument(SampleFile.make(.jpeg, size: 901), kind: .idCard, token: tokens.access)

            let cases: [([String: JSONValue], String)] = [
                (attachArguments(claimID: claimID, location: partial), "document.uploadIncomplete"),
                (attachArguments(claimID: claimID, location: budis), "document.uploadNotFound"),
                (attachArguments(claimID: claimID, location: "/v1/uploads/\(UUID().uuidString)"), "document.uploadNotFound"),
                (attachArguments(claimID: claimID, location: unverified), "document.unverified"),
                (
                    attachArguments(claimID: claimID, location: unverified, extra: ["sha256": .string(String(repeating: "0", count: 64))]),
                    "document.checksum"
                ),
                (attachArguments(claimID: claimID, location: otherClaim), "document.otherClaim"),
                (attachArguments(claimID: claimID, location: pdf), "document.selfieNotPhoto"),
                (attachArguments(claimID: claimID, location: good, extra: ["kind": "bankBook"]), "document.kindMismatch"),
                (attachArguments(claimID: claimID, location: good, extra: ["byteCount": .int(1)]), "document.mismatch"),
                (attachArguments(claimID: claimID, location: good, extra: ["contentType": "application/pdf"]), "document.mismatch"),
                (["claimID": .string(claimID.uuidString)], "intent.missingArgument"),
            ]
            for (arguments, code) in cases {
                let outcome = try await attach(client, &phone, arguments, claimID: claimID, token: tokens.access)
                guard case .rejected(let rejection) = outcome else {
                    Issue.record("expected \(code), got \(outcome)")
                    continue
                }
                #expect(rejection.code == code)
                #expect(!rejection.message.isEmpty)
            }
            // An argument the contract does not list (AttachDocumentArguments has no other) is a 400.
            let unknown = phone.intent(
                .attachDocument,
                ["claimID": .string(claimID.uuidString), "document": .object(["kind": "idCard"])],
                record: Claim.key(claimID)
            )
            let (status, problem) = try await client.refusedPush([unknown], device: phone.id, token: tokens.access)
            #expect(status == .badRequest)
            #expect(problem["code"] as? String == "request.invalid")
            phone.counter -= 1  // the refused push kept nothing, not even its counter
            let claim = try #require(try await client.pull(token: tokens.access).changes.first { $0.record.key == Claim.key(claimID) })
            #expect(try claim.record.decode(as: Claim.self).documents.isEmpty, "nothing was attached")

            // The unverified upload attaches once the phone vouches for its content.
            let vouched = try await attach(
                client,
                &phone,
                attachArguments(claimID: claimID, location: unverified, extra: ["sha256": .string(SampleFile.sha256(file))]),
                claimID: claimID,
                token: tokens.access
            )
            #expect(vouched == .applied)
        }
    }

    @Test func aSubmittedClaimTakesNoMoreDocuments() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            var (tokens, phone, claimID) = try await draft(client, server)
            let account = try JSONValue(encoding: try BankAccount(bank: .bca, number: "1234567890", holderName: "SITI RAHAYU"))
            var mutations = [phone.mutation(Claim.key(claimID), .update(fields: ["bankAccount": account]))]
            for kind in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie] {
                mutations.append(try await client.attachDocumentIntent(kind, claimID: claimID, phone: &phone, token: tokens.access))
            }
            mutations.append(phone.intent(.submitClaim, ["claimID": .string(claimID.uuidString)], record: Claim.key(claimID)))
            let response = try await client.push(mutations, device: phone.id, token: tokens.access)
            #expect(response.results.allSatisfy { $0.outcome == .applied })
            let late = try await client.uploadDocument(SampleFile.make(.pdf, size: 700), kind: .taxNumberCard, token: tokens.access)
            let outcome = try await attach(
                client,
                &phone,
                attachArguments(claimID: claimID, location: late),
                claimID: claimID,
                token: tokens.access
            )
            guard case .rejected(let rejection) = outcome else {
                Issue.record("a submitted claim must refuse documents")
                return
            }
            #expect(rejection.code == "field.locked")
        }
    }
}
