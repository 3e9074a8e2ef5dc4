import Foundation
import Models
import Testing

/// The office's additions to the domain: who acts on each status, audit entries on the wire,
/// the record schemas of notifications and surveys.
@Suite("Office models")
struct OfficeModelTests {
    @Test func eachStatusWaitsForOneRoleOrForTheParticipant() {
        #expect(ClaimStatus.submitted.actingRole == .cso)
        #expect(ClaimStatus.documentsChecked.actingRole == .backOffice)
        #expect(ClaimStatus.verified.actingRole == .headOfService)
        #expect(ClaimStatus.approved.actingRole == .finance)
        for status in [ClaimStatus.draft, .correctionRequested, .paymentFailed, .paid, .rejected, .cancelled] {
            #expect(status.actingRole == nil)
        }
        #expect(ClaimStatus.allCases.filter(\.waitsForParticipant) == [.correctionRequested, .paymentFailed])
        for role in OfficerRole.allCases { #expect(ClaimStatus.worklist(of: role).count == 1) }
        #expect(ClaimStatus.allCases.map(\.officeStepsLeft) == [4, 4, 3, 2, 1, 0, 4, 0, 1, 0])
    }

    @Test func participantTransitionsAreNamedAsTheirEvents() {
        #expect(ClaimEvent.participantEventName(from: .draft, to: .submitted) == "submit")
        #expect(ClaimEvent.participantEventName(from: .correctionRequested, to: .submitted) == "resubmitAfterCorrection")
        #expect(ClaimEvent.participantEventName(from: .paymentFailed, to: .approved) == "provideNewBankAccount")
        #expect(ClaimEvent.participantEventName(from: .submitted, to: .cancelled) == "cancel")
        #expect(ClaimEvent.participantEventName(from: .approved, to: .paid) == nil)
        // The names are the workflow's own.
        #expect(ClaimEvent.submit.name == "submit" && ClaimEvent.resubmitAfterCorrection.name == "resubmitAfterCorrection")
    }

    @Test func causeCodesGroupByKind() {
        #expect(AuditCause.correction(.init(document: .bankBook, reason: "x")) == "document.bankBook")
        #expect(AuditCause.correction(.init(field: "taxNumber", reason: "x")) == "field.taxNumber")
        #expect(AuditCause.rejection(.identityMismatch) == "rejection.identityMismatch")
        #expect(AuditCause.payment(.inactiveAccount) == "payment.inactiveAccount")
        #expect(AuditCause.detail(of: "payment.inactiveAccount") == "inactiveAccount")
        #expect(AuditCause.detail(of: "plain") == "plain")
    }

    @Test func anAuditEntryDecodesFromItsStoredJSON() throws {
        let json = """
            { "id": "22222222-2222-4222-8222-222222222222", "claimID": "33333333-3333-4333-8333-333333333333",
              "participantID": "11111111-1111-1111-1111-111111111111", "branchID": "BDG-SUCI",
              "actor": { "kind": "officer", "id": "44444444-4444-4444-8444-444444444444", "name": "Rina Marlina", "roles": ["cso"] },
              "event": "requestCorrection", "from": "submitted", "to": "correctionRequested",
              "reason": "bankBook: blurred", "causes": ["document.bankBook"], "at": "2026-11-23T03:00:00Z" }
            """
        let entry = try decode(AuditEntry.self, json)
        #expect(entry.actor.kind == .officer)
        #expect(entry.actor.roles == [.cso])
        #expect(entry.event == "requestCorrection")
        #expect(entry.isTransition)
        #expect(entry.at == utc("2026-11-23T03:00:00Z"))
        #expect(try roundTrip(entry) == entry)
        let system = try roundTrip(
            AuditEntry(
                claimID: entry.claimID,
                participantID: entry.participantID,
                branchID: "MKS",
                actor: .system,
                event: "checkIdentity",
                from: .documentsChecked,
                to: .documentsChecked,
                at: entry.at
            )
        )
        #expect(!system.isTransition)
        #expect(system.actor == .system)
    }

    @Test func notificationsAreServerOwnedExceptTheReadMark() {
        let schema = ParticipantNotification.syncSchema
        #expect(schema.type == "notification")
        #expect(schema.fields["readAt"] == .lastWriterWins)
        #expect(schema.fields.filter { $0.key != "readAt" }.values.allSatisfy { $0 == .serverOwned })
        #expect(!schema.clientMayCreate && !schema.clientMayDelete)
    }

    @Test func aSurveyIsNamedByItsClaimAndWrittenOnce() throws {
        let claim = Claim.ID(UUID())
        let survey = try SurveyResponse(
            id: .init(UUID()),
            claimID: claim,
            clarity: 5,
            speed: 5,
            overall: 5,
            comment: nil,
            submittedAt: Date()
        )
        #expect(survey.recordID == claim.rawValue.uuidString)
        #expect(SurveyResponse.syncSchema.fields.values.allSatisfy { $0 == .appendOnly })
        #expect(!SurveyResponse.syncSchema.clientMayCreate)
    }
}
