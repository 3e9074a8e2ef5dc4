import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Sync
import Testing

@testable import Server

/// The SLA monitor keeps participants told: a notice with the cause and a new estimated
/// payment date when a claim falls at risk, then updates at the configured interval while the
/// problem stays open. Ticked by hand on a hand-moved clock.
@Suite("SLA monitor")
struct SLAMonitorTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func aClaimFallingAtRiskIsAnnouncedOnceThenUpdatedDailyWhileLate() async throws {
        let server = try OfficeTestServer()
        let monitor = server.monitor()
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
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            // Documents complete Monday 23 November, 10:00 WIB: due Monday 30 November.
            #expect(try await client.office("documents-complete", claim: claim, token: cso).status == .ok)
            let cursor = try await client.pull(token: phone.tokens.access).cursor

            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 0, hour: 18)).isEmpty)
            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 3)).isEmpty, "Thursday: two working days left")

            // Friday: one working day left, so at risk.
            let friday = try await monitor.tick(now: OfficeTime.wib(plusDays: 4))
            let atRisk = try #require(friday.first)
            #expect(friday.count == 1)
            #expect(atRisk.kind == .slaAtRisk)
            #expect(atRisk.claimID?.rawValue == claim)
            #expect(atRisk.body.contains("verification of your balance and identity"))
            #expect(atRisk.body.contains("1 working day remains of the 5-working-day limit"))
            // Three layers left, about a working day each: Wednesday 2 December.
            #expect(atRisk.estimatedPaymentDate == LocalDate(year: 2026, month: 12, day: 2))
            #expect(atRisk.body.contains("Wednesday 2 December 2026"))
            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 4, hour: 15)).isEmpty, "announced once")

            // The phone gets it by pull.
            let page = try await client.pull(after: cursor, token: phone.tokens.access)
            #expect(
                try page.changes.filter { $0.record.key.type == "notification" }.map {
                    try $0.record.decode(as: ParticipantNotification.self)
                } == [atRisk]
            )

            // Tuesday 1 December: late; an update, then one a day.
            let tuesday = try await monitor.tick(now: OfficeTime.wib(plusDays: 8))
            #expect(tuesday.map(\.kind) == [.problemUpdate])
            #expect(tuesday.first?.body.contains("1 working day past the 5-working-day limit") == true)
            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 8, hour: 16)).isEmpty)
            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 9)).map(\.kind) == [.problemUpdate])
            #expect(try await server.notifications(of: siti, claim: claim).filter { $0.kind != .statusChanged }.count == 3)
        }
    }

    @Test func aCorrectionRequestIsRemindedUntilTheParticipantResubmits() async throws {
        let server = try OfficeTestServer()
        let monitor = server.monitor()
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
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let body: [String: Any] = ["items": [["field": "taxNumber", "reason": "The tax number has 15 digits; check it."]]]
            #expect(try await client.office("correction", claim: claim, token: cso, body: body).status == .ok)

            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 0, hour: 20)).isEmpty, "told at the request")
            let reminder = try #require(try await monitor.tick(now: OfficeTime.wib(plusDays: 1)).first)
            #expect(reminder.kind == .problemUpdate)
            #expect(reminder.title == "Reminder: your claim needs a correction")
            #expect(reminder.body.contains("taxNumber (The tax number has 15 digits; check it.)"))

            server.clock.set(OfficeTime.wib(plusDays: 1, hour: 12))
            try await phone.signInAgain(client: client, inbox: server.inbox)
            #expect(try await phone.intent(.resubmitClaim, [:], record: Claim.key(claim), client: client, clock: server.clock) == .applied)
            #expect(try await monitor.tick(now: OfficeTime.wib(plusDays: 2, hour: 13)).isEmpty, "no problem is open any more")
        }
    }

    @Test func aClaimWaitingForTheDocumentCheckCountsFromReceipt() async throws {
        let server = try OfficeTestServer()
        let monitor = server.monitor()
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
            let notice = try #require(try await monitor.tick(now: OfficeTime.wib(plusDays: 4)).first)
            #expect(notice.kind == .slaAtRisk)
            #expect(notice.body.contains("the document check"))

            server.clock.set(OfficeTime.wib(plusDays: 4))
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let worklist = try await client.officeGet("/v1/office/worklist", token: cso).json
            let sla = try #require((worklist["items"] as? [[String: Any]])?.first?["sla"] as? [String: Any])
            #expect(sla["state"] as? String == "atRisk")
            #expect(sla["provisional"] as? Bool == true)
            #expect(sla["dueDate"] as? String == "2026-11-30")
            _ = claim
        }
    }

    @Test func twoMonitorsDecidingTheSameNoticeWriteItOnce() async throws {
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
            let friday = OfficeTime.wib(plusDays: 4)
            let first = try await server.monitor().tick(now: friday)
            let second = try await server.monitor().tick(now: friday.addingTimeInterval(1))
            #expect(first.count == 1)
            #expect(second.isEmpty)
            #expect(try await server.notifications(of: siti, claim: claim).count == 1)
        }
    }
}
