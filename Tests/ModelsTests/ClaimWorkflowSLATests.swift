import Foundation
import Models
import Testing

@Suite("ClaimWorkflow and the SLA clock")
struct ClaimWorkflowSLATests {
    let calendar = WorkingDayCalendar.indonesia

    @Test func theClockStartsPausesAndResumesWithTheWorkflow() {
        var harness = WorkflowHarness(status: .submitted)
        #expect(harness.claim.sla.startedAt == nil)

        // Documents complete Monday 2026-03-02, 10:00 WIB.
        harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.cso), at: utc("2026-03-02T03:00:00Z"))
        #expect(harness.claim.sla.startedAt == utc("2026-03-02T03:00:00Z"))
        #expect(harness.claim.sla.dueDate(zone: .wib, calendar: calendar) == day("2026-03-09"))

        // The back office asks for a correction on Wednesday.
        let actions = harness.apply(WorkflowFixtures.requestCorrection, by: .officer(Fixtures.allRoles), at: utc("2026-03-04T03:00:00Z"))
        #expect(actions == .success([.notifyParticipant(.correctionRequested)]))
        #expect(harness.claim.status == .correctionRequested)
        #expect(harness.claim.correction == Fixtures.correction)
        #expect(harness.claim.sla.isPaused)
        #expect(harness.claim.sla.pauses == [SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"))])
        #expect(harness.claim.sla.dueDate(zone: .wib, calendar: calendar) == nil)

        // The participant resubmits on Friday: Mar 5 and 6 do not count.
        #expect(harness.apply(.resubmitAfterCorrection, by: WorkflowFixtures.owner, at: utc("2026-03-06T03:00:00Z")) == .success([]))
        #expect(harness.claim.status == .submitted)
        #expect(harness.claim.correction == nil)
        #expect(!harness.claim.sla.isPaused)
        #expect(harness.claim.sla.pauses == [SLAClock.Pause(from: utc("2026-03-04T03:00:00Z"), until: utc("2026-03-06T03:00:00Z"))])
        #expect(harness.claim.sla.dueDate(zone: .wib, calendar: calendar) == day("2026-03-11"))

        // Confirming again does not restart the clock.
        harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.cso), at: utc("2026-03-09T03:00:00Z"))
        #expect(harness.claim.sla.startedAt == utc("2026-03-02T03:00:00Z"))
        #expect(harness.claim.sla.dueDate(zone: .wib, calendar: calendar) == day("2026-03-11"))
    }

    @Test func aCorrectionBeforeTheClockStartsLeavesItStopped() {
        var harness = WorkflowHarness(status: .submitted)
        harness.apply(WorkflowFixtures.requestCorrection, by: .officer(Fixtures.cso), at: utc("2026-03-02T03:00:00Z"))
        #expect(harness.claim.sla == SLAClock())
        harness.apply(.resubmitAfterCorrection, by: WorkflowFixtures.owner, at: utc("2026-03-03T03:00:00Z"))
        #expect(harness.claim.sla == SLAClock())
        harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.cso), at: utc("2026-03-04T03:00:00Z"))
        #expect(harness.claim.sla.startedAt == utc("2026-03-04T03:00:00Z"))
        #expect(harness.claim.sla.pauses.isEmpty)
    }

    @Test func theSLAIsCountedInTheBranchTimeZone() {
        var harness = WorkflowHarness(status: .submitted)
        // 23:30 WIB on Monday 16 March, but 00:30 WITA on Tuesday 17 March.
        harness.apply(.confirmDocumentsComplete, by: .officer(Fixtures.cso), at: utc("2026-03-16T16:30:00Z"))
        #expect(harness.claim.sla.dueDate(zone: .wib, calendar: calendar) == day("2026-03-30"))
        #expect(harness.claim.sla.dueDate(zone: .wita, calendar: calendar) == day("2026-03-31"))
    }
}
