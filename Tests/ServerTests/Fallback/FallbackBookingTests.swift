import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// Booking, rescheduling and cancelling branch visits and video calls over HTTP, with the
/// calendar, time-zone, quota and queue-order rules.
@Suite("Fallback appointments")
struct FallbackBookingTests {
    let siti = Demo.person("Siti Rahayu")
    let budi = Demo.person("Budi Santoso")
    let maria = Demo.person("Maria Simanjuntak")
    /// Monday 21 December 2026, 09:00 WIB: the 24th is collective leave, the 25th Christmas.
    let now = When.utc("2026-12-21T02:00:00Z")

    func server(_ configure: (inout TestServer) -> Void = { _ in }) throws -> TestServer {
        var server = try TestServer()
        server.now = { [now] in now }
        configure(&server)
        return server
    }

    @Test func holidaysWeekendsAndDaysOutsideTheWindowAreRefused() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            for (date, code, next) in [
                ("2026-12-24", "appointment.dayOff", "2026-12-28"), ("2026-12-25", "appointment.dayOff", "2026-12-28"),
                ("2026-12-27", "appointment.dayOff", "2026-12-28"), ("2026-12-21", "appointment.tooSoon", nil),
                ("2027-03-01", "appointment.tooFar", nil), ("2026-02-30", "date.format", nil),
            ] {
                let response = try await client.book(setup.ticketID, ["kind": "branchVisit", "date": date], token: setup.tokens.access)
                #expect(response.status == .badRequest, "\(date)")
                let problem = try JSON.object(response.body)
                #expect(problem["code"] as? String == code, "\(date)")
                #expect(problem["nextWorkingDay"] as? String == next, "\(date)")
            }
            let video = try await client.book(setup.ticketID, ["kind": "videoCall", "date": "2026-12-25"], token: setup.tokens.access)
            #expect(problemCode(video.body) == "appointment.dayOff", "no video calls on holidays either")
            let ticket = try Wire.decode(
                TicketViewBody.self,
                try await client.call("/v1/fallback/tickets/\(setup.ticketID.rawValue.uuidString)", token: setup.tokens.access).body
            )
            #expect(ticket.ticket.status == .open, "refusals change nothing")
        }
    }

    @Test func bookingGivesQueueNumbersInBookingOrderAndReachesThePhone() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let b = try await client.draftClaimWithFailedFaceChecks(
                budi,
                device: "budi-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let before = try await client.pull(token: a.tokens.access).cursor

            // A bought or invented queue number is not part of a booking: refused, nothing booked.
            let bought = try await client.book(
                a.ticketID,
                ["kind": "branchVisit", "date": "2026-12-22", "queueNumber": 1],
                token: a.tokens.access
            )
            #expect(bought.status == .badRequest)
            #expect(try JSON.object(bought.body)["code"] as? String == "request.invalid")
            let first = try await client.book(a.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: a.tokens.access)
            #expect(first.status == .created)
            let booked = try Wire.decode(TicketViewBody.self, first.body)
            let appointment = try #require(booked.appointment)
            #expect(booked.ticket.status == .booked && booked.ticket.appointmentID == appointment.id)
            #expect(appointment.queueNumber == 1)
            #expect(appointment.branchID == "BDG-SUCI")
            #expect(appointment.startsAt == When.utc("2026-12-22T01:00:00Z"), "08:00 WIB")
            let second = try Wire.decode(
                TicketViewBody.self,
                try await client.book(b.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: b.tokens.access).body
            )
            #expect(second.appointment?.queueNumber == 2)

            // The same request again (a retry) returns the same appointment; a different one needs a reschedule.
            let again = try await client.book(a.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: a.tokens.access)
            #expect(again.status == .ok)
            #expect(try Wire.decode(TicketViewBody.self, again.body).appointment?.id == appointment.id)
            let other = try await client.book(a.ticketID, ["kind": "branchVisit", "date": "2026-12-23"], token: a.tokens.access)
            #expect(other.status == .conflict)
            #expect(problemCode(other.body) == "appointment.alreadyBooked")

            // The phone pulls the ticket state, queue number and time.
            let page = try await client.pull(after: before, token: a.tokens.access)
            let ticket = try #require(page.changes.first { $0.record.key == a.ticketKey }).record.decode(as: FallbackTicket.self)
            #expect(ticket.status == .booked)
            let synced = try #require(page.changes.first { $0.record.key.type == "appointment" }).record.decode(as: Appointment.self)
            #expect(synced == appointment)
            #expect(!page.changes.contains { $0.record.key == b.ticketKey }, "nobody else's booking")
        }
    }

    /// Cancelling frees the place, and booking again joins the end of the queue: nobody jumps
    /// ahead of people who booked earlier.
    @Test func cancellingFreesThePlaceAndRebookingGoesToTheBack() async throws {
        let server = try server { $0.configuration.appointments.branchSlotMinutes = 60 }
        try await server.app().test(.router) { client in
            try await server.store.save(
                branch: Branch(id: "BDG-SUCI", name: "Kantor Cabang Bandung Suci", city: "Bandung", timeZone: .wib, dailyJHTQuota: 2)
            )
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let b = try await client.draftClaimWithFailedFaceChecks(
                budi,
                device: "budi-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let c = try await client.draftClaimWithFailedFaceChecks(
                maria,
                device: "maria-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let day = ["kind": "branchVisit", "date": "2026-12-22"]
            #expect(try await client.book(a.ticketID, day, token: a.tokens.access).status == .created)
            #expect(try await client.book(b.ticketID, day, token: b.tokens.access).status == .created)
            let full = try await client.book(c.ticketID, day, token: c.tokens.access)
            #expect(full.status == .conflict)
            #expect(problemCode(full.body) == "appointment.full")
            #expect(try JSON.object(full.body)["nextFreeDate"] as? String == "2026-12-23")

            let cancelled = try await client.book(a.ticketID, [:], token: a.tokens.access, method: .delete)
            #expect(cancelled.status == .ok)
            let open = try Wire.decode(TicketViewBody.self, cancelled.body)
            #expect(open.ticket.status == .open && open.appointment == nil)

            let rebooked = try Wire.decode(TicketViewBody.self, try await client.book(c.ticketID, day, token: c.tokens.access).body)
            #expect(rebooked.appointment?.queueNumber == 3, "the freed place goes to the next booking, at the back of the queue")
            let late = try await client.book(a.ticketID, day, token: a.tokens.access)
            #expect(problemCode(late.body) == "appointment.full", "cancelling gives the place away")

            let availability = try JSON.object(
                try await client.call("/v1/fallback/availability?kind=branchVisit&from=2026-12-22&days=2", token: a.tokens.access).body
            )
            let days = try #require(availability["days"] as? [[String: Any]])
            #expect(days.map { $0["date"] as? String } == ["2026-12-22", "2026-12-23"], "the 24th and 25th are off")
            #expect(days[0]["booked"] as? Int == 2 && days[0]["free"] as? Int == 0)
            #expect(days[1]["free"] as? Int == 2)
        }
    }

    @Test func reschedulingMovesToTheBackOfTheNewDayAndFreesTheOldPlace() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let b = try await client.draftClaimWithFailedFaceChecks(
                budi,
                device: "budi-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let first = try Wire.decode(
                TicketViewBody.self,
                try await client.book(a.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: a.tokens.access).body
            )
            _ = try await client.book(b.ticketID, ["kind": "branchVisit", "date": "2026-12-23"], token: b.tokens.access)
            let before = try await client.pull(token: a.tokens.access).cursor

            let moved = try await client.book(
                a.ticketID,
                ["kind": "branchVisit", "date": "2026-12-23"],
                token: a.tokens.access,
                method: .put
            )
            #expect(moved.status == .ok)
            let view = try Wire.decode(TicketViewBody.self, moved.body)
            #expect(view.appointment?.date == When.day("2026-12-23"))
            #expect(view.appointment?.queueNumber == 2, "behind the one who booked the 23rd first")
            #expect(view.ticket.appointmentID == view.appointment?.id)

            let page = try await client.pull(after: before, token: a.tokens.access)
            let appointments = try page.changes.filter { $0.record.key.type == "appointment" }.map {
                try $0.record.decode(as: Appointment.self)
            }
            #expect(appointments.first { $0.id == first.appointment?.id }?.status == .cancelled, "the old appointment shows as cancelled")
            let availability = try JSON.object(
                try await client.call("/v1/fallback/availability?kind=branchVisit&from=2026-12-22&days=1", token: a.tokens.access).body
            )
            #expect((availability["days"] as? [[String: Any]])?.first?["booked"] as? Int == 0, "the old place is free again")

            // A full new day leaves the booking as it was.
            try await server.store.save(
                branch: Branch(id: "BDG-SUCI", name: "Kantor Cabang Bandung Suci", city: "Bandung", timeZone: .wib, dailyJHTQuota: 1)
            )
            let budiMoves = try await client.book(
                b.ticketID,
                ["kind": "branchVisit", "date": "2026-12-22"],
                token: b.tokens.access,
                method: .put
            )
            #expect(budiMoves.status == .ok, "the 22nd has room for one again")
            let blocked = try await client.book(
                a.ticketID,
                ["kind": "branchVisit", "date": "2026-12-22"],
                token: a.tokens.access,
                method: .put
            )
            #expect(problemCode(blocked.body) == "appointment.full")
            let still = try Wire.decode(
                TicketViewBody.self,
                try await client.call("/v1/fallback/tickets/\(a.ticketID.rawValue.uuidString)", token: a.tokens.access).body
            )
            #expect(still.appointment?.id == view.appointment?.id)
            #expect(still.appointment?.status == .booked)
        }
    }

    @Test func aMakassarVisitIsInWITA() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let view = try Wire.decode(
                TicketViewBody.self,
                try await client.book(a.ticketID, ["kind": "branchVisit", "branchId": "MKS", "date": "2026-12-22"], token: a.tokens.access)
                    .body
            )
            #expect(view.appointment?.branchID == "MKS")
            #expect(view.appointment?.startsAt == When.utc("2026-12-22T00:00:00Z"), "08:00 WITA")
            let unknown = try await client.book(
                a.ticketID,
                ["kind": "branchVisit", "branchId": "NOPE", "date": "2026-12-23"],
                token: a.tokens.access,
                method: .put
            )
            #expect(unknown.status == .badRequest)
            #expect(problemCode(unknown.body) == "branch.unknown")
        }
    }

    @Test func videoCallsFillSlotsByOfficersAndOfferTheNextSlot() async throws {
        let server = try server { $0.configuration.appointments.videoOfficersPerSlot = 1 }
        try await server.app().test(.router) { client in
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let b = try await client.draftClaimWithFailedFaceChecks(
                budi,
                device: "budi-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let c = try await client.draftClaimWithFailedFaceChecks(
                maria,
                device: "maria-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let earliest = try Wire.decode(
                TicketViewBody.self,
                try await client.book(a.ticketID, ["kind": "videoCall", "date": "2026-12-22"], token: a.tokens.access).body
            )
            #expect(earliest.appointment?.startsAt == When.utc("2026-12-21T23:00:00Z"), "06:00 WIB on the 22nd")
            #expect(earliest.appointment?.endsAt == When.utc("2026-12-21T23:30:00Z"))
            #expect(earliest.appointment?.date == When.day("2026-12-22"))

            let next = try Wire.decode(
                TicketViewBody.self,
                try await client.book(b.ticketID, ["kind": "videoCall", "date": "2026-12-22"], token: b.tokens.access).body
            )
            #expect(next.appointment?.startsAt == When.utc("2026-12-21T23:30:00Z"), "the first slot is taken: the next one")

            let taken = try await client.book(
                c.ticketID,
                ["kind": "videoCall", "date": "2026-12-22", "startsAt": "2026-12-21T23:00:00Z"],
                token: c.tokens.access
            )
            #expect(taken.status == .conflict)
            let problem = try JSON.object(taken.body)
            #expect(problem["code"] as? String == "appointment.full")
            #expect(problem["nextFreeStartsAt"] as? String == "2026-12-22T00:00:00Z", "07:00 WIB")

            let early = try await client.book(
                c.ticketID,
                ["kind": "videoCall", "date": "2026-12-22", "startsAt": "2026-12-21T22:30:00Z"],
                token: c.tokens.access
            )
            #expect(problemCode(early.body) == "appointment.outsideHours", "05:30 WIB is before the service opens")

            let slots = try JSON.object(
                try await client.call("/v1/fallback/availability?kind=videoCall&from=2026-12-22&days=1", token: c.tokens.access).body
            )
            let first = try #require((slots["days"] as? [[String: Any]])?.first)
            #expect(first["booked"] as? Int == 2)
            #expect((first["slots"] as? [[String: Any]])?.count == 22)
        }
    }

    @Test func officersCannotBookAndBadRequestsAreProblems() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let a = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let officer = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let byOfficer = try await client.book(a.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: officer.access)
            #expect(byOfficer.status == .forbidden)
            let badID = try await client.call(
                "/v1/fallback/tickets/not-a-uuid/appointment",
                .post,
                token: a.tokens.access,
                body: ["kind": "branchVisit", "date": "2026-12-22"]
            )
            #expect(badID.status == .badRequest)
            let badKind = try await client.book(a.ticketID, ["kind": "teleport", "date": "2026-12-22"], token: a.tokens.access)
            #expect(badKind.status == .badRequest)
            let unknown = try await client.book(.init(UUID()), ["kind": "branchVisit", "date": "2026-12-22"], token: a.tokens.access)
            #expect(unknown.status == .notFound)
            let nothingToCancel = try await client.book(a.ticketID, [:], token: a.tokens.access, method: .delete)
            #expect(nothingToCancel.status == .conflict)
            #expect(problemCode(nothingToCancel.body) == "ticket.invalidTransition")
        }
    }
}
