import Foundation
import Models
import Testing

@testable import Server

/// KPI definitions on hand-made inputs, without I/O.
@Suite("KPI calculator")
struct KPICalculatorTests {
    let branch = DemoData.bandung
    /// Monday 2 March 2026, 10:00 WIB.
    let monday = Date(timeIntervalSince1970: 1_772_420_400)
    var calculator: KPICalculator {
        KPICalculator(
            branch: branch,
            from: LocalDate(year: 2026, month: 3, day: 1),
            to: LocalDate(year: 2026, month: 3, day: 31),
            policy: .standard,
            calendar: .indonesia,
            biometric: BiometricPolicy(failuresBeforeFallback: 3, windowSeconds: 3600)
        )
    }

    func day(_ n: Double) -> Date { monday.addingTimeInterval(n * 86_400) }

    func claim(_ channel: ClaimChannel = .app, started: Date? = nil) -> Claim {
        Claim(
            id: .init(UUID()),
            participantID: .init(UUID()),
            branchID: branch.id,
            reason: .resignation,
            channel: channel,
            status: .paid,
            createdAt: monday,
            sla: SLAClock(startedAt: started)
        )
    }

    func entry(
        _ claim: Claim,
        _ event: String,
        _ to: ClaimStatus,
        at: Date,
        from: ClaimStatus = .submitted,
        causes: [String] = []
    ) -> AuditEntry {
        AuditEntry(
            claimID: claim.id,
            participantID: claim.participantID,
            branchID: claim.branchID,
            actor: .system,
            event: event,
            from: from,
            to: to,
            causes: causes,
            at: at
        )
    }

    @Test func theDefinitionsHoldOnAKnownMonth() throws {
        // Working days to payment: 2, 3 and 7 (late); the last had a correction.
        let fast = claim(started: monday)
        let usual = claim(.lapakAsik, started: monday)
        let late = claim(started: monday)
        let rejected = claim(.branch)
        var entries: [AuditEntry] = []
        for c in [fast, usual, late, rejected] { entries.append(entry(c, "submit", .submitted, at: monday, from: .draft)) }
        for c in [fast, usual, late] { entries.append(entry(c, "confirmDocumentsComplete", .documentsChecked, at: monday)) }
        let correction = entry(
            late,
            "requestCorrection",
            .correctionRequested,
            at: day(1),
            causes: ["document.bankBook", "field.taxNumber"]
        )
        entries.append(correction)
        entries.append(entry(rejected, "reject", .rejected, at: day(1), causes: ["rejection.notEligibleYet"]))
        entries.append(
            entry(usual, "recordPaymentFailure", .paymentFailed, at: day(2), from: .approved, causes: ["payment.inactiveAccount"])
        )
        entries.append(entry(fast, "recordPayment", .paid, at: day(2), from: .approved))
        entries.append(entry(usual, "recordPayment", .paid, at: day(3), from: .approved))
        entries.append(entry(late, "recordPayment", .paid, at: day(9), from: .approved))
        let surveys = [
            try SurveyResponse(id: .init(UUID()), claimID: fast.id, clarity: 4, speed: 5, overall: 5, comment: nil, submittedAt: day(3)),
            try SurveyResponse(id: .init(UUID()), claimID: usual.id, clarity: 3, speed: 2, overall: 4, comment: nil, submittedAt: day(4)),
        ]
        let kpis = calculator.compute(
            .init(
                entries: entries,
                trailsOfPaid: Dictionary(grouping: entries.filter { [fast.id, usual.id, late.id].contains($0.claimID) }, by: \.claimID),
                claims: Dictionary(uniqueKeysWithValues: [fast, usual, late, rejected].map { ($0.id, $0) }),
                surveys: surveys,
                attempts: []
            )
        )
        #expect(kpis.submitted == 4)
        #expect(kpis.paid == 3)
        #expect(kpis.sla.onTime == 2 && kpis.sla.late == 1)
        #expect(kpis.sla.compliance == 2.0 / 3.0)
        #expect(kpis.sla.medianWorkingDays == 3)
        #expect(kpis.sla.p90WorkingDays == 7)
        #expect(kpis.workingDaysHistogram.map(\.workingDays) == [2, 3, 7])
        #expect(kpis.firstTimeRight.count == 2 && kpis.firstTimeRight.outOf == 3)
        #expect(Set(kpis.firstTimeRight.byCause.map(\.cause)) == ["bankBook", "taxNumber"])
        #expect(kpis.corrections.count == 1 && kpis.corrections.outOf == 4, "the CSO decided on all four")
        #expect(kpis.rejections.count == 1 && kpis.rejections.outOf == 4)
        #expect(kpis.rejections.byCause.map(\.cause) == ["notEligibleYet"])
        #expect(kpis.paymentFailures.count == 1 && kpis.paymentFailures.outOf == 4)
        #expect(kpis.channels.map(\.count) == [2, 1, 1])
        #expect(kpis.channels.first?.share == 0.5)
        #expect(kpis.survey.responses == 2 && kpis.survey.offered == 3)
        #expect(kpis.survey.clarity == 3.5 && kpis.survey.speed == 3.5 && kpis.survey.overall == 4.5)
    }

    @Test func anEmptyPeriodHasCountsButNoRates() {
        let kpis = calculator.compute(.init(entries: [], trailsOfPaid: [:], claims: [:], surveys: [], attempts: []))
        #expect(kpis.paid == 0)
        #expect(kpis.sla.compliance == nil && kpis.sla.medianWorkingDays == nil)
        #expect(kpis.firstTimeRight.rate == nil && kpis.corrections.rate == nil)
        #expect(kpis.survey.overall == nil)
        #expect(kpis.channels.allSatisfy { $0.share == nil })
    }

    @Test func anotherBranchsEntriesDoNotCount() {
        var other = claim()
        other.branchID = "MKS"
        let kpis = calculator.compute(
            .init(
                entries: [entry(other, "submit", .submitted, at: monday, from: .draft)],
                trailsOfPaid: [:],
                claims: [other.id: other],
                surveys: [],
                attempts: []
            )
        )
        #expect(kpis.submitted == 0)
    }

    @Test func fallbackNeedsTheFailuresWithinTheWindow() {
        func attempts(_ minutes: [Double], passed: Bool = false) -> [BiometricAttempt] {
            minutes.map {
                BiometricAttempt(
                    id: .init(UUID()),
                    participantID: .init(UUID(uuidString: "99999999-2222-4333-8444-555555555555")!),
                    claimID: nil,
                    result: passed ? .passed : .failed,
                    failureReason: passed ? nil : .faceAngle,
                    livenessScore: 0.5,
                    deviceID: "phone-0001",
                    attemptedAt: monday.addingTimeInterval($0 * 60)
                )
            }
        }
        #expect(calculator.reachesFallback(attempts([0, 10, 50])))
        #expect(!calculator.reachesFallback(attempts([0, 40, 80])), "three failures, but never three within an hour")
        #expect(!calculator.reachesFallback(attempts([0, 10]) + attempts([20], passed: true)))
    }

    @Test func medianAndPercentile() {
        #expect(KPICalculator.median([1, 2, 3, 4]) == 2.5)
        #expect(KPICalculator.median([5]) == 5)
        #expect(KPICalculator.percentile(90, of: Array(1...10)) == 9)
        #expect(KPICalculator.percentile(90, of: Array(1...11)) == 10)
        #expect(KPICalculator.percentile(90, of: []) == nil)
    }
}
