import Foundation
import Models
import Testing

@testable import Server

/// Worklist order, without I/O: breached first, then the least time left, then first come,
/// first served.
@Suite("Worklist order")
struct WorklistOrderTests {
    let branch = DemoData.bandung
    /// Monday 23 November 2026, 10:00 WIB.
    let monday = Date(timeIntervalSince1970: 1_795_402_800)

    func day(_ n: Double) -> Date { monday.addingTimeInterval(n * 86_400) }

    func office(_ name: String, _ status: ClaimStatus, started: Date?, since: Date, branch: Branch.ID = "BDG-SUCI") -> OfficeClaim {
        OfficeClaim(
            claim: Claim(
                id: .init(UUID()),
                participantID: .init(UUID()),
                branchID: branch,
                reason: .resignation,
                channel: .app,
                status: status,
                createdAt: monday,
                sla: SLAClock(startedAt: started)
            ),
            signatures: .init(),
            participantName: name,
            statusSince: since
        )
    }

    @Test func breachedThenSoonestDueThenFirstCome() {
        let claims = [
            office("on track", .verified, started: day(4), since: day(4)),
            office("breached", .verified, started: monday, since: day(1)),
            office("at risk, later", .verified, started: day(1), since: day(3)),
            office("at risk, earlier", .verified, started: day(1), since: day(2)),
            office("paused", .correctionRequested, started: monday, since: day(1)),
            office("other branch", .verified, started: monday, since: monday, branch: "MKS"),
            office("finance", .approved, started: monday, since: monday),
        ]
        let worklist = Worklist(
            claims: claims,
            roles: [.headOfService],
            branch: branch,
            at: day(8),
            policy: .standard,
            calendar: .indonesia
        )
        #expect(worklist.items.map(\.office.participantName) == ["breached", "at risk, earlier", "at risk, later", "on track"])
        #expect(worklist.items.allSatisfy { $0.role == .headOfService })
    }

    @Test func claimsAwaitingTheDocumentCheckCarryAProvisionalClock() {
        let claims = [
            office("received Tuesday", .submitted, started: nil, since: day(1)),
            office("received Monday", .submitted, started: nil, since: monday),
        ]
        let worklist = Worklist(
            claims: claims,
            roles: [.cso, .finance],
            branch: branch,
            at: day(3),
            policy: .standard,
            calendar: .indonesia
        )
        #expect(worklist.items.map(\.office.participantName) == ["received Monday", "received Tuesday"])
        #expect(worklist.items.allSatisfy { $0.sla.provisional && $0.role == .cso })
        #expect(Worklist.statuses(for: [.cso, .finance]) == [.submitted, .approved])
    }
}
