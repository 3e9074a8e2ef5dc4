import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Every officer step over HTTP, each landing in the participant's bucket (status, stage and
/// a notification the phone pulls) with an audit entry saying who, when, what and why.
@Suite("Office workflow over HTTP")
struct OfficeWorkflowTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func aClaimPassesEveryLayerToPaymentAndThePhoneSeesEachStep() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let officers = try await client.officers(["1001", "1002", "1003", "1004"], inbox: server.inbox)
            var cursor = try await client.pull(token: phone.tokens.access).cursor
            let steps: [(path: String, officer: String, status: ClaimStatus, stage: ParticipantStage)] = [
                ("documents-complete", "1001", .documentsChecked, .penetapanKlaim),
                ("verify", "1002", .verified, .persetujuanKlaim),
                ("approve", "1003", .approved, .pembayaranKlaim),
                ("pay", "1004", .paid, .selesai),
            ]
            for step in steps {
                server.clock.advance(minutes: 2)
                let (status, json) = try await client.office(step.path, claim: claim, token: try #require(officers[step.officer]))
                #expect(status == .ok, "\(step.path): \(json)")
                #expect((json["claim"] as? [String: Any])?["status"] as? String == step.status.rawValue)

                let page = try await client.pull(after: cursor, token: phone.tokens.access)
                let first = try #require(page.changes.first, "the step reached the phone's bucket")
                #expect(first.record.key == Claim.key(claim), "claim status syncs first")
                let synced = try first.record.decode(as: Claim.self)
                #expect(synced.status == step.status)
                #expect(synced.stage == step.stage)
                let notices = try page.changes.filter { $0.record.key.type == "notification" }.map {
                    try $0.record.decode(as: ParticipantNotification.self)
                }
                #expect(
                    notices.contains { $0.kind == .statusChanged && $0.claimID?.rawValue == claim },
                    "\(step.path) told the participant"
                )
                cursor = page.cursor
            }

            let paid = try await server.storedClaim(claim)
            #expect(paid.status == .paid)
            #expect(server.fakeBank.completedTransfers.map(\.amount) == [paid.netAmount])
            #expect(server.fakeBank.completedTransfers.first?.account == TestAccounts.bca("Siti Rahayu"))
            let notices = try await server.notifications(of: siti, claim: claim)
            #expect(notices.last?.kind == .surveyInvitation, "a survey is offered after payment")
            #expect(notices.first { $0.kind == .statusChanged && $0.title == "Documents complete" }?.estimatedPaymentDate != nil)

            // The audit trail: who, when, what and why, the participant's submission included.
            let (status, detail) = try await client.office("", claim: claim, token: try #require(officers["1001"]))
            #expect(status == .ok)
            let audit = try #require(detail["audit"] as? [[String: Any]])
            #expect(audit.map { $0["event"] as? String } == ["submit", "confirmDocumentsComplete", "verify", "approve", "recordPayment"])
            #expect(
                audit.map { ($0["actor"] as? [String: Any])?["kind"] as? String } == [
                    "participant", "officer", "officer", "officer", "officer",
                ]
            )
            #expect(
                audit.dropFirst().map { ($0["actor"] as? [String: Any])?["name"] as? String } == [
                    "Rina Marlina", "Yusuf Maulana", "Hendra Gunawan", "Lestari Ningsih",
                ]
            )
            #expect(audit.allSatisfy { $0["at"] is String })
            #expect((audit[4]["reason"] as? String)?.hasPrefix("Bank transfer TRF-") == true, "the payment names its transfer")
            #expect(detail["nextRole"] == nil)
            #expect((detail["participant"] as? [String: Any])?["nikMasked"] as? String == "32************01")
        }
    }

    @Test func aCorrectionPausesTheClockUntilTheParticipantResubmits() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let officers = try await client.officers(["1001", "1002"], inbox: server.inbox)
            #expect(try await client.office("documents-complete", claim: claim, token: officers["1001"]!).status == .ok)
            #expect(try await client.office("verify", claim: claim, token: officers["1002"]!).status == .ok)

            server.clock.advance(days: 1)
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let (status, json) = try await client.office(
                "correction",
                claim: claim,
                token: cso,
                body: ["items": [["document": "bankBook", "reason": "The first page is cut off; photograph the whole page."]]]
            )
            #expect(status == .ok, "\(json)")
            var stored = try await server.storedClaim(claim)
            #expect(stored.status == .correctionRequested)
            #expect(stored.sla.isPaused)
            #expect(stored.correction?.items.first?.document == .bankBook)
            let notice = try #require(try await server.notifications(of: siti, claim: claim).last)
            #expect(notice.kind == .correctionRequested)
            #expect(notice.body.contains("bank book (The first page is cut off"))
            #expect(notice.estimatedPaymentDate != nil)

            // The phone marks the notice read; the rest of it is the server's.
            let noticeKey = RecordKey(type: "notification", id: notice.id.rawValue.uuidString)
            try await phone.signInAgain(client: client, inbox: server.inbox)
            phone.device.millis = Int64(server.clock.now.timeIntervalSince1970 * 1000)
            let marks = try await client.push(
                [
                    phone.device.mutation(noticeKey, .update(fields: ["readAt": "2026-11-24T04:00:00Z"])),
                    phone.device.mutation(noticeKey, .update(fields: ["body": "Nothing to fix."])),
                ],
                device: phone.device.id,
                token: phone.tokens.access
            )
            #expect(marks.results.first?.outcome == .applied)
            #expect(marks.results.last?.outcome.isAccepted == false)
            #expect(try await server.notifications(of: siti, claim: claim).last?.readAt != nil)

            // The participant adds the page again and resubmits; the claim goes back to the CSO.
            server.clock.advance(days: 1)
            try await phone.signInAgain(client: client, inbox: server.inbox)
            let key = Claim.key(claim)
            let bankBook = try await storedUploads([.bankBook], owner: siti.participant.id, claimID: claim, store: server.store)
            #expect(
                try await phone.intent(
                    .attachDocument,
                    attachArguments(bankBook[.bankBook], claimID: claim),
                    record: key,
                    client: client,
                    clock: server.clock
                )
                    == .applied
            )
            #expect(try await phone.intent(.resubmitClaim, [:], record: key, client: client, clock: server.clock) == .applied)
            stored = try await server.storedClaim(claim)
            #expect(stored.status == .submitted)
            #expect(!stored.sla.isPaused)
            #expect(stored.sla.pauses.count == 1)

            let audit = try await server.store.auditTrail(of: Claim.ID(claim))
            #expect(audit.map(\.event) == ["submit", "confirmDocumentsComplete", "verify", "requestCorrection", "resubmitAfterCorrection"])
            let correction = try #require(audit.first { $0.event == "requestCorrection" })
            #expect(correction.causes == ["document.bankBook"])
            #expect(correction.reason == "bankBook: The first page is cut off; photograph the whole page.")
            #expect(correction.from == .verified && correction.to == .correctionRequested)
            #expect(audit.last?.actor == .participant(siti.participant.id))
        }
    }

    @Test func theHeadOfServiceReturnsAClaimWithAReasonAndTheBackOfficeVerifiesAgain() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let officers = try await client.officers(["1001", "1002", "1003"], inbox: server.inbox)
            #expect(try await client.office("documents-complete", claim: claim, token: officers["1001"]!).status == .ok)
            #expect(try await client.office("verify", claim: claim, token: officers["1002"]!).status == .ok)
            let (status, _) = try await client.office(
                "return",
                claim: claim,
                token: officers["1003"]!,
                body: ["reason": "The reference letter date differs from the end of work."]
            )
            #expect(status == .ok)
            var stored = try await server.storedClaim(claim)
            #expect(stored.status == .documentsChecked)
            #expect(stored.problem == "The reference letter date differs from the end of work.")
            let detail = try await client.office("", claim: claim, token: officers["1003"]!).json
            #expect((detail["signatures"] as? [String: Any])?["verifiedBy"] == nil, "verification is cleared")
            #expect(detail["nextRole"] as? String == "backOffice")

            #expect(try await client.office("verify", claim: claim, token: officers["1002"]!).status == .ok)
            #expect(try await client.office("approve", claim: claim, token: officers["1003"]!).status == .ok)
            stored = try await server.storedClaim(claim)
            #expect(stored.status == .approved)
            let returned = try #require(try await server.store.auditTrail(of: Claim.ID(claim)).first { $0.event == "returnForReview" })
            #expect(returned.reason == "The reference letter date differs from the end of work.")
            #expect(returned.actor.name == "Hendra Gunawan")
        }
    }

    @Test(arguments: [
        (["1001"], "1001", ClaimStatus.submitted, "rejection.notEligibleYet"),
        (["1001"], "1002", ClaimStatus.documentsChecked, "rejection.identityMismatch"),
        (["1001", "1002"], "1003", ClaimStatus.verified, "rejection.documentsInvalid"),
    ])
    func eachLayerRejectsWithACauseAndTheParticipantIsTold(
        earlier: [String],
        rejecting: String,
        from: ClaimStatus,
        cause: String
    ) async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let officers = try await client.officers(["1001", "1002", "1003"], inbox: server.inbox)
            for (path, number) in zip(["documents-complete", "verify"], earlier) where from != .submitted {
                #expect(try await client.office(path, claim: claim, token: officers[number]!).status == .ok)
            }
            #expect(try await server.storedClaim(claim).status == from)
            let (status, json) = try await client.office(
                "reject",
                claim: claim,
                token: officers[rejecting]!,
                body: ["cause": AuditCause.detail(of: cause), "reason": "The claim cannot be paid as filed."]
            )
            #expect(status == .ok, "\(json)")
            let stored = try await server.storedClaim(claim)
            #expect(stored.status == .rejected)
            #expect(stored.stage == .selesai)
            let notice = try #require(try await server.notifications(of: siti, claim: claim).last)
            #expect(notice.title == "Claim not accepted")
            #expect(notice.body.contains("The claim cannot be paid as filed."))
            let entry = try #require(try await server.store.auditTrail(of: Claim.ID(claim)).last)
            #expect(entry.event == "reject")
            #expect(entry.causes == [cause])
            #expect(entry.from == from)
        }
    }

    @Test func theParticipantCancelsASubmittedClaimAndTheLogSaysSo() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            #expect(try await phone.intent(.cancelClaim, [:], record: Claim.key(claim), client: client, clock: server.clock) == .applied)
            let audit = try await server.store.auditTrail(of: Claim.ID(claim))
            #expect(audit.map(\.event) == ["submit", "cancel"])
            #expect(audit.last?.to == .cancelled)
            let token = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let worklist = try await client.officeGet("/v1/office/worklist", token: token).json
            #expect((worklist["items"] as? [Any])?.isEmpty == true, "a cancelled claim leaves the worklist")
        }
    }
}
