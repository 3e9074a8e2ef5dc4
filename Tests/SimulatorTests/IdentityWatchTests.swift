import Foundation
import Models
import Testing

@testable import jht_sim

/// The back office's reading of a claim's in-person check, without a server: verify once
/// identity was recorded as verified, reject when it could not be, and otherwise wait for the
/// appointment's day (or the next working day while the participant still has to book).
@Suite("The back office waits for identity")
struct IdentityWatchTests {
    static func view(_ status: FallbackTicket.Status, on date: String? = nil, resolution: String? = nil) -> IdentityWatch.TicketView {
        IdentityWatch.TicketView(
            ticket: .init(status: status, resolution: resolution),
            appointment: date.map { .init(date: try! LocalDate($0)) }
        )
    }

    @Test func eachTicketStateGivesItsDecision() throws {
        let calendar = WorkingDayCalendar.indonesia
        let today = try LocalDate("2026-03-17")  // the day before the Idul Fitri leave
        let afterLeave = try LocalDate("2026-03-25")
        func decide(_ view: IdentityWatch.TicketView?) -> IdentityWatch.Decision {
            IdentityWatch.decision(view, today: today, calendar: calendar)
        }
        #expect(decide(Self.view(.verified)) == .verify)
        #expect(decide(Self.view(.rejected, resolution: "The face does not match")) == .reject(reason: "The face does not match"))
        #expect(decide(Self.view(.booked, on: "2026-03-26")) == .wait(until: try LocalDate("2026-03-26")))
        #expect(decide(Self.view(.booked, on: "2026-03-17")) == .wait(until: nil), "today's appointment: look again next hour")
        #expect(decide(Self.view(.checkedIn, on: "2026-03-17")) == .wait(until: nil))
        #expect(decide(Self.view(.noShow)) == .wait(until: afterLeave), "missed: the participant books again")
        #expect(decide(Self.view(.open)) == .wait(until: afterLeave))
        #expect(decide(nil) == .wait(until: afterLeave))
        #expect(IdentityWatch.needsCheck("lapakAsik") && IdentityWatch.needsCheck("branch"))
        #expect(!IdentityWatch.needsCheck("app") && !IdentityWatch.needsCheck(nil))
    }

    @Test func whatWasSeenIsRememberedUntilItsDay() throws {
        let watch = IdentityWatch(calendar: .indonesia)
        let today = try LocalDate("2026-03-25")
        #expect(watch.known("a", today: today) == nil, "never looked at: read the ticket")
        watch.note("a", .wait(until: try LocalDate("2026-03-27")))
        #expect(watch.known("a", today: today) == .wait(until: try LocalDate("2026-03-27")))
        #expect(watch.known("a", today: try LocalDate("2026-03-27")) == nil, "on the appointment's day: read it again")
        watch.note("b", .verify)
        #expect(watch.known("b", today: today) == .verify)
        watch.note("c", .wait(until: nil))
        #expect(watch.known("c", today: today) == nil)
    }
}
