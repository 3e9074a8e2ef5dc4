import Foundation

@testable import jht_sim

/// Run results with known figures, for the report, plot and writer tests.
enum Fixtures {
    /// 2026-11-21T03:00:00Z.
    static let startedAt = Date(timeIntervalSince1970: 1_795_230_000)

    /// A finished branch-day run; pass divergences or missing mutations to make it fail.
    static func results(
        divergences: [String] = [],
        missingAcknowledged: [String] = [],
        latencies: [Double] = (1...100).map { Double($0) * 10 },
        timeline: [TimelineSample]? = nil
    ) -> RunResults {
        RunResults(
            scenario: "branch-day",
            seed: 42,
            serverURL: "http://127.0.0.1:8080",
            startedAt: startedAt,
            durationSeconds: 192.4,
            participantsPlanned: 1_000,
            participantsFinished: 998,
            secondPhones: 25,
            claimsByState: ["paid": 800, "submitted": 150, "draft": 50],
            journeyOutcomes: ["paid": 800, "waiting for branch visit": 120, "gave up": 78],
            paidClaims: 800,
            paidWithinSLA: 780,
            openPastDue: 3,
            statusLatenciesMillis: latencies,
            syncBytesPerParticipant: [1_000, 2_048, 3_000, 1_572_864],
            conflictsByPolicy: ["lastWriterWins": 12, "addWinsSet": 4],
            rejectionsByReason: ["claim.documentsMissing": 7],
            timeline: timeline ?? [
                TimelineSample(seconds: 0, submitted: 0, paid: 0, inOffice: 0, fallbackTickets: 0),
                TimelineSample(seconds: 60, submitted: 400, paid: 100, inOffice: 300, fallbackTickets: 20),
                TimelineSample(seconds: 192.4, submitted: 950, paid: 800, inOffice: 150, fallbackTickets: 120),
            ],
            fallback: FallbackFigures(
                ticketsOpened: 120,
                branchVisitsBooked: 100,
                videoCallsBooked: 20,
                dayFullAnswers: 9,
                branchVisitsByDate: ["2026-11-24": 40, "2026-11-23": 60],
                checkedIn: 55,
                verified: 50
            ),
            faults: FaultFigures(offlineSpells: 31, appKills: 5, droppedRequests: 17, pushRetries: 40),
            requests: ["push 2xx": 5_678, "pull 2xx": 4_321, "push 5xx": 3],
            divergences: divergences,
            missingAcknowledged: missingAcknowledged
        )
    }
}
