import Foundation
import Models
import Testing

@Suite("Fallback ticket lifecycle")
struct FallbackTicketLifecycleTests {
    let at = utc("2026-11-24T02:00:00Z")
    let appointment = Appointment.ID(UUID(uuidString: "EEEEEEEE-0000-0000-0000-000000000001")!)
    let other = Appointment.ID(UUID(uuidString: "EEEEEEEE-0000-0000-0000-000000000002")!)

    func ticket(_ status: FallbackTicket.Status, appointment: Appointment.ID? = nil) -> FallbackTicket {
        FallbackTicket(
            id: FallbackTicket.id(forClaim: Fixtures.claimID),
            participantID: Fixtures.participantID,
            claimID: Fixtures.claimID,
            status: status,
            openedAt: utc("2026-11-23T02:00:00Z"),
            appointmentID: appointment
        )
    }

    var events: [FallbackTicket.Event] {
        [
            .book(appointment), .reschedule(other), .cancelAppointment, .missAppointment, .checkIn(by: Fixtures.cso.id, at: at),
            .verify(by: Fixtures.cso.id, at: at), .reject(by: Fixtures.cso.id, reason: "Face does not match the ID card.", at: at),
            .close(reason: "The claim was cancelled."),
        ]
    }

    /// Every (status, event) pair: the allowed ones lead where the table says, the rest are refused.
    @Test func everyTransitionFollowsTheTable() throws {
        let allowed: [FallbackTicket.Status: [String: FallbackTicket.Status]] = [
            .open: ["book": .booked, "close": .closed],
            .noShow: ["book": .booked, "close": .closed],
            .booked: [
                "reschedule": .booked, "cancelAppointment": .open, "missAppointment": .noShow, "checkIn": .checkedIn, "close": .closed,
            ],
            .checkedIn: ["verify": .verified, "reject": .rejected],
        ]
        for status in FallbackTicket.Status.allCases {
            for event in events {
                let expected = allowed[status]?[event.name]
                do {
                    let next = try ticket(status, appointment: status == .booked ? appointment : nil).applying(event)
                    #expect(next.status == expected, "\(status) + \(event.name)")
                } catch {
                    #expect(expected == nil, "\(status) + \(event.name) was refused: \(error)")
                    #expect(error == .invalidTransition(from: status, event: event.name))
                }
            }
        }
    }

    @Test func bookingNamesTheAppointmentAndCancellingFreesIt() throws {
        let booked = try ticket(.open).applying(.book(appointment))
        #expect(booked.appointmentID == appointment)
        #expect(try booked.applying(.reschedule(other)).appointmentID == other)
        let open = try booked.applying(.cancelAppointment)
        #expect(open.appointmentID == nil)
        #expect(open.isBookable)
        let missed = try booked.applying(.missAppointment)
        #expect(missed.status == .noShow && missed.appointmentID == nil && missed.isBookable, "a no-show can be booked again")
    }

    @Test func officersStepsAreRecorded() throws {
        let checkedIn = try ticket(.booked, appointment: appointment).applying(.checkIn(by: Fixtures.cso.id, at: at))
        #expect(checkedIn.checkedInBy == Fixtures.cso.id && checkedIn.checkedInAt == at)
        let verified = try checkedIn.applying(.verify(by: Fixtures.cso.id, at: at))
        #expect(verified.decidedBy == Fixtures.cso.id && verified.decidedAt == at && verified.resolution == nil)
        let rejected = try checkedIn.applying(.reject(by: Fixtures.cso.id, reason: "Not the person on the ID card.", at: at))
        #expect(rejected.resolution == "Not the person on the ID card.")
    }

    @Test func rejectingNeedsAReason() {
        let checkedIn = ticket(.checkedIn, appointment: appointment)
        #expect(throws: FallbackError.invalidInput("Give the reason identity could not be verified.")) {
            try checkedIn.applying(.reject(by: Fixtures.cso.id, reason: "  ", at: at))
        }
    }

    @Test func onlyVerificationOrClosingUnblocksTheApp() {
        let blocking = FallbackTicket.Status.allCases.filter { ticket($0).blocksApp }
        #expect(Set(blocking) == [.open, .booked, .checkedIn, .rejected, .noShow])
    }

    @Test func ticketIDIsDerivedFromTheClaimAndKeepsUUIDShape() {
        let claims = (1...200).map { Claim.ID(UUID(uuidString: String(format: "33333333-3333-4333-8333-%012d", $0))!) }
        let tickets = claims.map { FallbackTicket.id(forClaim: $0) }
        #expect(Set(tickets).count == claims.count, "two claims never share a ticket")
        #expect(tickets == claims.map { FallbackTicket.id(forClaim: $0) }, "the same claim always names the same ticket")
        for (claim, ticket) in zip(claims, tickets) {
            #expect(ticket.rawValue != claim.rawValue)
            let text = ticket.rawValue.uuidString
            #expect(Array(text)[14] == "4", "version kept")
            #expect("89AB".contains(Array(text)[19]), "variant kept")
        }
    }
}
