import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

@Suite("Sync push and pull")
struct SyncAPITests {
    let siti = Demo.person("Siti Rahayu")

    @Test func firstPullHasProfileAndReferenceData() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let page = try await client.pull(token: tokens.access)
            let types = page.changes.map(\.record.key.type)
            #expect(types.filter { $0 == "branch" }.count == 2)
            #expect(types.contains("profile"))
            #expect(page.hasMore == false)
            #expect(!page.cursor.isStart)
            let again = try await client.pull(after: page.cursor, token: tokens.access)
            #expect(again.changes.isEmpty)
            #expect(again.cursor == page.cursor)
        }
    }

    @Test func happyPathDraftToSubmittedClaim() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let key = Claim.key(claimID)
            let account = try JSONValue(encoding: try BankAccount(bank: .bca, number: "1234567890", holderName: "SITI RAHAYU"))
            var mutations = [
                phone.intent(
                    .createClaimDraft,
                    ["claimID": .string(claimID.uuidString), "reason": "resignation", "channel": "app"],
                    record: key
                ),
                phone.mutation(key, .update(fields: ["bankAccount": account])),
            ]
            for (index, kind) in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie].enumerated() {
                let file = SampleFile.make(kind == .referenceLetter ? .pdf : .jpeg, size: 2_000 + index, seed: UInt64(index))
                let location = try await client.uploadDocument(file, kind: kind, claimID: claimID, token: tokens.access)
                mutations.append(phone.intent(.attachDocument, attachArguments(claimID: claimID, location: location), record: key))
            }
            mutations.append(phone.intent(.submitClaim, ["claimID": .string(claimID.uuidString)], record: key))
            let response = try await client.push(mutations, device: phone.id, token: tokens.access)
            #expect(response.results.map(\.outcome) == Array(repeating: .applied, count: mutations.count))
            let page = try await client.pull(token: tokens.access)
            #expect(page.changes.first?.record.key == key, "claim status syncs first")
            let claim = try #require(page.changes.first { $0.record.key == key }).record.decode(as: Claim.self)
            #expect(claim.status == .submitted)
            #expect(claim.documents.count == 5)
            #expect(claim.grossAmount == 8_500_000)
            #expect(claim.tax == 0)
            #expect(claim.netAmount == 8_500_000)
            #expect(claim.bankAccount?.number == "1234567890")
        }
    }

    @Test func serverOwnedFieldIsRejectedWithReasonAndRecord() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let key = Claim.key(claimID)
            _ = try await client.push(
                [phone.intent(.createClaimDraft, ["claimID": .string(claimID.uuidString), "reason": "resignation"], record: key)],
                device: phone.id,
                token: tokens.access
            )
            let before = try await client.pull(token: tokens.access).cursor
            let response = try await client.push(
                [phone.mutation(key, .update(fields: ["status": "paid", "netAmount": .int(999_999_999)]))],
                device: phone.id,
                token: tokens.access
            )
            guard case .rejected(let rejection) = response.results[0].outcome else {
                Issue.record("expected a rejection, got \(response.results[0].outcome)")
                return
            }
            #expect(rejection.code == "fields.rejected")
            #expect(Set(rejection.fields ?? []) == ["status", "netAmount"])
            #expect(try response.results[0].record?.decode(as: Claim.self).status == .draft)
            #expect(try await client.pull(after: before, token: tokens.access).changes.isEmpty, "nothing changed")
        }
    }

    @Test func documentsCannotBeAddedWithoutTheirCheckedUpload() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let key = Claim.key(claimID)
            let fake = JSONValue.object(["id": .string(UUID().uuidString), "kind": "idCard"])
            let response = try await client.push(
                [
                    phone.intent(.createClaimDraft, ["claimID": .string(claimID.uuidString), "reason": "resignation"], record: key),
                    phone.mutation(key, .addElement(field: "documents", elementID: UUID().uuidString, value: fake)),
                    phone.mutation(key, .update(fields: ["documents": .array([fake])])),
                ],
                device: phone.id,
                token: tokens.access
            )
            #expect(response.results[0].outcome == .applied)
            for result in response.results.dropFirst() {
                guard case .rejected(let rejection) = result.outcome else {
                    Issue.record("a document was added without its upload: \(result.outcome)")
                    continue
                }
                #expect(["field.intentOnly", "field.wrongOperation"].contains(rejection.code))
            }
            let claim = try #require(try await client.pull(token: tokens.access).changes.first { $0.record.key == key })
            #expect(try claim.record.decode(as: Claim.self).documents.isEmpty)
        }
    }

    @Test func replayReturnsStoredResultsAndChangesNothing() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
            let batch = [
                phone.mutation(profile, .update(fields: ["email": "siti@example.co.id"])),
                phone.mutation(profile, .update(fields: ["status": "x"])),
            ]
            let first = try await client.push(batch, device: phone.id, token: tokens.access)
            let cursor = try await client.pull(token: tokens.access).cursor
            let second = try await client.push(batch, device: phone.id, token: tokens.access)
            #expect(second.results == first.results)
            #expect(try await client.pull(after: cursor, token: tokens.access).changes.isEmpty)
        }
    }

    @Test func counterGapAsksForResendFromExpectedCounter() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
            _ = phone.mutation(profile, .update(fields: ["language": "su"]))  // counter 1, never sent
            let second = phone.mutation(profile, .update(fields: ["language": "en"]))
            let (status, problem) = try await client.refusedPush([second], device: phone.id, token: tokens.access)
            #expect(status == .conflict)
            #expect(problem["code"] as? String == "sync.counterGap")
            #expect(problem["expectedCounter"] as? Int == 1)
        }
    }

    @Test func tokenOfAnotherDeviceCannotPushForThisDevice() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var other = TestDevice(id: "siti-phone-2")
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
            try await client.execute(
                uri: "/v1/sync/push",
                method: .post,
                headers: .bearer(tokens.access),
                body: Wire.body(PushRequest(deviceID: other.id, mutations: [other.mutation(profile, .update(fields: ["language": "en"]))]))
            ) { (response: TestResponse) throws in
                #expect(response.status == .forbidden)
                #expect(try JSON.object(response.body)["code"] as? String == "sync.deviceMismatch")
            }
        }
    }

    @Test func participantCannotTouchAnotherParticipantsRecords() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let sitiTokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var sitiPhone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let key = Claim.key(claimID)
            _ = try await client.push(
                [sitiPhone.intent(.createClaimDraft, ["claimID": .string(claimID.uuidString), "reason": "resignation"], record: key)],
                device: sitiPhone.id,
                token: sitiTokens.access
            )
            let budi = Demo.person("Budi Santoso")
            let budiTokens = try await client.signIn(budi, device: "budi-phone-1", inbox: server.inbox)
            var budiPhone = TestDevice(id: "budi-phone-1")
            let bankAccount = try JSONValue(encoding: try BankAccount(bank: .bca, number: "9999999999", holderName: "Budi Santoso"))
            let response = try await client.push(
                [
                    budiPhone.mutation(key, .update(fields: ["bankAccount": bankAccount])),
                    budiPhone.intent(.createClaimDraft, ["claimID": .string(claimID.uuidString), "reason": "termination"], record: key),
                ],
                device: budiPhone.id,
                token: budiTokens.access
            )
            #expect(response.results.allSatisfy { !$0.outcome.isAccepted })
            let budiPage = try await client.pull(token: budiTokens.access)
            #expect(!budiPage.changes.contains { $0.record.key == key }, "Budi never sees Siti's claim")
            let claim = try #require(try await client.pull(token: sitiTokens.access).changes.first { $0.record.key == key })
            #expect(claim.record["bankAccount"] == nil)
        }
    }

    @Test func submittedClaimIsLockedAndSubmitNeedsDocuments() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1")
            let claimID = UUID()
            let key = Claim.key(claimID)
            let id = JSONValue.string(claimID.uuidString)
            let early = try await client.push(
                [
                    phone.intent(.createClaimDraft, ["claimID": id, "reason": "resignation"], record: key),
                    phone.intent(.submitClaim, ["claimID": id], record: key),
                ],
                device: phone.id,
                token: tokens.access
            )
            guard case .rejected(let notReady) = early.results[1].outcome else {
                Issue.record("submit without documents must be rejected")
                return
            }
            #expect(notReady.message.contains("idCard"))
            #expect(notReady.message.contains("bank account"))
        }
    }

    @Test func concurrentEditsOfTwoPhonesResolveByClock() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let one = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let two = try await client.signIn(siti, device: "siti-phone-2", inbox: server.inbox)
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
            var phoneOne = TestDevice(id: "siti-phone-1", millis: 1_795_000_000_000)
            var phoneTwo = TestDevice(id: "siti-phone-2", millis: 1_795_000_100_000)
            let later = phoneTwo.mutation(profile, .update(fields: ["email": "later@example.co.id"]))
            let earlier = phoneOne.mutation(profile, .update(fields: ["email": "earlier@example.co.id"]))
            #expect(try await client.push([later], device: phoneTwo.id, token: two.access).results[0].outcome == .applied)
            let result = try await client.push([earlier], device: phoneOne.id, token: one.access).results[0]
            #expect(result.outcome == .merged(superseded: ["email"]))
            #expect(result.record?["email"] == "later@example.co.id")
        }
    }

    @Test func badPullParametersAreProblems() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            try await client.execute(uri: "/v1/sync/pull?limit=0", method: .get, headers: .bearer(tokens.access)) {
                (response: TestResponse) throws in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/sync/pull", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/v1/sync/push",
                method: .post,
                headers: .bearer(tokens.access),
                body: ByteBuffer(string: #"{"deviceID":"siti-phone-1","mutations":[{"id":"x"}]}"#)
            ) { (response: TestResponse) throws in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func cursorOlderThanRetainedLogGetsReset() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let cursor = try await client.pull(token: tokens.access).cursor
            let bucket = BucketID.participant(siti.participant.id.rawValue.uuidString)
            let head = try #require(try await server.store.heads(of: [bucket])[bucket])
            _ = try await server.store.purgeTombstones(in: bucket, before: head.version + 1)
            let page = try await client.pull(after: cursor, token: tokens.access)
            #expect(page.reset)
            #expect(page.cursor == .start)
            #expect(page.changes.isEmpty)
            #expect(try await client.pull(after: .start, token: tokens.access).changes.isEmpty == false)
        }
    }
}
