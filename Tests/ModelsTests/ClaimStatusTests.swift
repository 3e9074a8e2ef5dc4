import Foundation
import Models
import Testing

@Suite("Claim status and tracking stages")
struct ClaimStatusTests {
    @Test(arguments: [
        (ClaimStatus.draft, ParticipantStage?.none),
        (.submitted, .agendaKlaim),
        (.correctionRequested, .agendaKlaim),
        (.documentsChecked, .penetapanKlaim),
        (.verified, .persetujuanKlaim),
        (.approved, .pembayaranKlaim),
        (.paymentFailed, .pembayaranKlaim),
        (.paid, .selesai),
        (.rejected, .selesai),
        (.cancelled, nil),
    ])
    func stageShownForEveryStatus(status: ClaimStatus, stage: ParticipantStage?) {
        #expect(status.stage == stage)
        #expect(Fixtures.claim(status: status).stage == stage)
    }

    @Test func everyStatusIsMapped() {
        #expect(ClaimStatus.allCases.count == 10)
    }

    @Test func stagesInOrderWithTheirTitles() {
        #expect(
            ParticipantStage.allCases.map(\.title) == [
                "Agenda Klaim", "Penetapan Klaim", "Persetujuan Klaim", "Pembayaran Klaim", "Selesai",
            ]
        )
        #expect(ParticipantStage.agendaKlaim < .penetapanKlaim)
        #expect(ParticipantStage.pembayaranKlaim < .selesai)
        #expect(ParticipantStage.allCases.reversed().sorted() == ParticipantStage.allCases)
    }

    @Test func officerRolesFollowTheLayers() {
        #expect(OfficerRole.allCases.reversed().sorted() == [.cso, .backOffice, .headOfService, .finance])
    }

    @Test func eventNames() {
        #expect(
            WorkflowFixtures.allEvents.map(\.name) == [
                "submit", "resubmitAfterCorrection", "provideNewBankAccount", "cancel", "confirmDocumentsComplete", "requestCorrection",
                "verify", "approve", "returnForReview", "recordPayment", "recordPaymentFailure", "reject",
            ]
        )
    }

    @Test func eventsAndActorsRoundTripThroughJSON() throws {
        for event in WorkflowFixtures.allEvents {
            #expect(try roundTrip(event) == event)
        }
        #expect(try roundTrip(WorkflowActor.officer(Fixtures.cso)) == .officer(Fixtures.cso))
        #expect(try roundTrip(WorkflowFixtures.owner) == WorkflowFixtures.owner)
        let signatures = WorkflowSignatures(checkedBy: Fixtures.cso.id, approvedBy: Fixtures.head.id)
        #expect(try roundTrip(signatures) == signatures)
    }
}
