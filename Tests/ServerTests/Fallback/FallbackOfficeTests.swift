import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// Officers check participants in, verify identity and mark no-shows; a verified claim
/// continues with nothing re-entered.
@Suite("Fallback check-in and verification")
struct FallbackOfficeTests {
    let siti = Demo.person("Siti Rahayu")
    /// Monday 21 December 2026, 09:00 WIB; the appointment is on Tuesday the 22nd.
    let booking = When.utc("2026-12-21T02:00:00Z")
    /// Tuesday 22 December, 08:10 WIB.
    let appointmentDay = When.utc("2026-12-22T01:10:00Z")

    func server(_ clock: MovableClock, _ configure: (inout TestServer) -> Void = { _ in }) throws -> TestServer {
        var server = try TestServer()
        server.now = clock.read
        configure(&server)
        return server
    }

    /// A participant with a booked branch visit at Bandung Suci on the 22nd.
    func booked(_ client: some TestClientProtocol, _ server: TestServer, documents: Bool = true) async throws -> FallbackSetup {
        var setup: FallbackSetup
        if documents {
            setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: booking
            )
        } else {
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1", millis: Int64(booking.timeIntervalSince1970 * 1000))
            let claimID = UUID()
            var mutations = [
                phone.intent(
                    .createClaimDraft,
                    ["claimID": .string(claimID.uuidString), "reason": "resignation"],
                    record: Claim.key(claimID)
                )
            ]
            for minute in 1...3 {
                mutations.append(phone.faceCheck(siti.participant.id, claim: claimID, at: booking.addingTimeInterval(Double(-minute * 60))))
            }
            #expect(try await client.push(mutations, device: phone.id, token: tokens.access).results.allSatisfy { $0.outcome.isAccepted })
            setup = FallbackSetup(tokens: tokens, phone: phone, claimID: claimID)
        }
        let response = try await client.book(setup.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: setup.tokens.access)
        #expect(response.status == .created)
        return setup
    }

    @Test func onlyACSOOfTheAppointmentsBranchChecksInAndOnlyOnTheDay() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock)
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server)
            let rina = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let early = try await client.office(setup.ticketID, "check-in", token: rina.access)
            #expect(early.status == .conflict)
            #expect(problemCode(early.body) == "appointment.notToday")

            clock.set(appointmentDay)
            let rinaToday = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let makassar = try await client.signIn(officer: Demo.officer("2001"), device: "counter-mks-1", inbox: server.inbox)
            let backOffice = try await client.signIn(officer: Demo.officer("1002"), device: "counter-pc-2", inbox: server.inbox)
            let participant = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            for (token, code) in [
                (makassar.access, "fallback.otherBranch"), (backOffice.access, "fallback.roleRequired"),
                (participant.access, "auth.officerOnly"),
            ] {
                let refused = try await client.office(setup.ticketID, "check-in", token: token)
                #expect(refused.status == .forbidden)
                #expect(problemCode(refused.body) == code)
            }
            #expect(
                try await client.call("/v1/office/fallback/tickets/\(setup.ticketID.rawValue.uuidString)", token: makassar.access).status
                    == .forbidden
            )

            let checkedIn = try await client.office(setup.ticketID, "check-in", token: rinaToday.access)
            #expect(checkedIn.status == .ok)
            let entry = try Wire.decode(OfficeEntryBody.self, checkedIn.body)
            #expect(entry.ticket.status == .checkedIn)
            #expect(entry.ticket.checkedInBy == Demo.officer("1001").id)
            #expect(entry.appointment?.status == .checkedIn)
            #expect(entry.participant.name == "Siti Rahayu")
            #expect(entry.participant.nikMasked == siti.participant.nik.masked)
            #expect(entry.claim?.documents.count == 5, "the officer sees the claim as drafted")
            #expect(try await client.office(setup.ticketID, "check-in", token: rinaToday.access).status == .conflict)

            let day = try Wire.decode(
                [OfficeEntryBody].self,
                try await client.call("/v1/office/fallback/appointments", token: rinaToday.access).body
            )
            #expect(day.map(\.ticket.id) == [setup.ticketID])
            #expect(try JSON.array(try await client.call("/v1/office/fallback/appointments", token: makassar.access).body).isEmpty)
            let decided = try await client.office(setup.ticketID, "decision", token: makassar.access, body: ["outcome": "verified"])
            #expect(problemCode(decided.body) == "fallback.otherBranch")
        }
    }

    @Test func aVerifiedClaimContinuesWithNothingReEntered() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock)
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server)
            let drafted = try #require(
                try await client.pull(token: setup.tokens.access).changes.first { $0.record.key == Claim.key(setup.claimID) }
            )
            .record.decode(as: Claim.self)
            clock.set(appointmentDay)
            let rina = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            #expect(try await client.office(setup.ticketID, "check-in", token: rina.access).status == .ok)
            let response = try await client.office(setup.ticketID, "decision", token: rina.access, body: ["outcome": "verified"])
            #expect(response.status == .ok)
            let decision = try JSON.object(response.body)
            #expect(decision["claimContinued"] as? Bool == true)
            #expect(decision["claimProblem"] == nil)

            let phone = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let page = try await client.pull(token: phone.access)
            let claim = try #require(page.changes.first { $0.record.key == Claim.key(setup.claimID) }).record.decode(as: Claim.self)
            #expect(claim.status == .submitted)
            #expect(claim.channel == .branch)
            #expect(claim.submittedAt == appointmentDay)
            #expect(claim.documents == drafted.documents, "documents as drafted")
            #expect(claim.bankAccount == drafted.bankAccount, "bank account as drafted")
            #expect(claim.netAmount == 8_500_000)
            let ticket = try #require(page.changes.first { $0.record.key == setup.ticketKey }).record.decode(as: FallbackTicket.self)
            #expect(ticket.status == .verified && ticket.decidedBy == Demo.officer("1001").id && ticket.appointmentID != nil)
            let appointment = try #require(page.changes.first { $0.record.key.type == "appointment" }).record.decode(as: Appointment.self)
            #expect(appointment.status == .completed)

            var device = TestDevice(id: "siti-phone-1", millis: Int64(appointmentDay.timeIntervalSince1970 * 1000))
            device.counter = setup.phone.counter
            let again = try await client.push(
                [device.faceCheck(siti.participant.id, claim: setup.claimID, at: appointmentDay)],
                device: device.id,
                token: phone.access
            )
            guard case .rejected(let rejection) = again.results[0].outcome else {
                Issue.record("a verified claim takes no more face checks")
                return
            }
            #expect(rejection.code == "attempt.alreadyVerified")
        }
    }

    @Test func anIncompleteDraftStaysADraftAndCanThenBeSubmittedFromTheApp() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock)
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server, documents: false)
            clock.set(appointmentDay)
            let rina = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            _ = try await client.office(setup.ticketID, "check-in", token: rina.access)
            let decision = try JSON.object(
                try await client.office(setup.ticketID, "decision", token: rina.access, body: ["outcome": "verified"]).body
            )
            #expect(decision["claimContinued"] as? Bool == false)
            let problem = try #require(decision["claimProblem"] as? [String: Any])
            #expect((problem["message"] as? String)?.contains("idCard") == true)

            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = setup.phone
            phone.millis = Int64(appointmentDay.timeIntervalSince1970 * 1000)
            let key = Claim.key(setup.claimID)
            let id = JSONValue.string(setup.claimID.uuidString)
            var mutations = [
                phone.mutation(
                    key,
                    .update(fields: [
                        "bankAccount": try JSONValue(encoding: try BankAccount(bank: .bca, number: "1234567890", holderName: "Siti Rahayu"))
                    ])
                )
            ]
            let kinds = [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter]
            let uploads = try await storedUploads(kinds, owner: siti.participant.id, claimID: setup.claimID, store: server.store)
            for kind in kinds {
                mutations.append(phone.intent(.attachDocument, attachArguments(uploads[kind], claimID: setup.claimID), record: key))
            }
            _ = id
            mutations.append(phone.intent(.submitClaim, ["claimID": id], record: key))
            let response = try await client.push(mutations, device: phone.id, token: tokens.access)
            #expect(response.results.map(\.outcome) == Array(repeating: .applied, count: mutations.count), "no longer blocked")
            let claim = try #require(try await client.pull(token: tokens.access).changes.first { $0.record.key == key }).record.decode(
                as: Claim.self
            )
            #expect(claim.status == .submitted)
            #expect(claim.channel == .branch)
        }
    }

    @Test func aRejectedIdentityNeedsAReasonAndKeepsTheAppBlocked() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock)
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server)
            clock.set(appointmentDay)
            let rina = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            _ = try await client.office(setup.ticketID, "check-in", token: rina.access)
            let noReason = try await client.office(setup.ticketID, "decision", token: rina.access, body: ["outcome": "rejected"])
            #expect(noReason.status == .badRequest)
            #expect(problemCode(noReason.body) == "fallback.invalidInput")
            let rejected = try await client.office(
                setup.ticketID,
                "decision",
                token: rina.access,
                body: ["outcome": "rejected", "reason": "The face does not match the ID card."]
            )
            let entry = try Wire.decode(DecisionBody.self, rejected.body).entry
            #expect(entry.ticket.status == .rejected)
            #expect(entry.ticket.resolution == "The face does not match the ID card.")
            #expect(entry.claim?.status == .draft)

            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = setup.phone
            phone.millis = Int64(appointmentDay.timeIntervalSince1970 * 1000)
            let response = try await client.push(
                [
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: nil, at: appointmentDay),
                    phone.intent(.submitClaim, ["claimID": .string(setup.claimID.uuidString)], record: Claim.key(setup.claimID)),
                ],
                device: phone.id,
                token: tokens.access
            )
            let codes = response.results.map { result -> String? in
                if case .rejected(let rejection) = result.outcome { return rejection.code }
                return nil
            }
            #expect(codes == ["attempt.identityRejected", "claim.fallbackPending"])
            #expect(
                try await client.book(setup.ticketID, ["kind": "branchVisit", "date": "2026-12-23"], token: tokens.access).status
                    == .conflict
            )
        }
    }

    @Test func aNoShowFreesThePlaceAndTheTicketCanBeBookedAgain() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock)
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server)
            clock.set(When.utc("2026-12-22T00:30:00Z"))  // 07:30 WIB, before the 08:00 window
            let rina = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let early = try await client.office(setup.ticketID, "no-show", token: rina.access)
            #expect(problemCode(early.body) == "appointment.notYet")

            clock.set(appointmentDay)
            let rinaLater = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let missed = try await client.office(setup.ticketID, "no-show", token: rinaLater.access)
            #expect(missed.status == .ok)
            let entry = try Wire.decode(OfficeEntryBody.self, missed.body)
            #expect(entry.ticket.status == .noShow && entry.ticket.appointmentID == nil)
            #expect(entry.appointment?.status == .noShow)

            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let free = try JSON.object(
                try await client.call("/v1/fallback/availability?kind=branchVisit&days=1", token: tokens.access).body
            )
            #expect((free["days"] as? [[String: Any]])?.first?["date"] as? String == "2026-12-23", "bookings open tomorrow")
            let again = try await client.book(setup.ticketID, ["kind": "branchVisit", "date": "2026-12-23"], token: tokens.access)
            #expect(again.status == .created)
            #expect(try Wire.decode(TicketViewBody.self, again.body).ticket.status == .booked)
        }
    }

    @Test func theServerExpiresMissedAppointmentsOnItsOwn() async throws {
        let clock = MovableClock(booking)
        let server = try server(clock) { $0.configuration.appointments.sweepIntervalSeconds = 1 }
        try await server.app().test(.router) { client in
            let setup = try await booked(client, server)
            clock.set(When.utc("2026-12-22T03:00:00Z"))  // 10:00 WIB: the 08:00-08:30 window ended 90 minutes ago
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            // The sweep runs every second; wait for it (at most 15 seconds).
            var status = FallbackTicket.Status.booked
            for _ in 0..<150 where status == .booked {
                try await Task.sleep(for: .milliseconds(100))
                status = try Wire.decode(
                    TicketViewBody.self,
                    try await client.call("/v1/fallback/tickets/\(setup.ticketID.rawValue.uuidString)", token: tokens.access).body
                ).ticket.status
            }
            #expect(status == .noShow)
            let page = try await client.pull(token: tokens.access)
            #expect(try page.changes.first { $0.record.key.type == "appointment" }?.record.decode(as: Appointment.self).status == .noShow)
        }
    }
}
