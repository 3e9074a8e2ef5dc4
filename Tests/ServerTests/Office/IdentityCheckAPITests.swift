import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Right person over HTTP: a Lapak Asik claim is verified by the back office only after its
/// video interview, a branch claim only after the counter's identity check. Submitting opens the
/// claim's in-person check, which books only the appointment that serves it; the claim's SLA
/// clock starts once both the documents are complete and the check is done.
@Suite("Identity before verification")
struct IdentityCheckAPITests {
    let agus = Demo.person("Agus Wijaya")
    let siti = Demo.person("Siti Rahayu")

    /// Submits `reason` through `channel` with every document, and has the CSO confirm the documents.
    func submitted(
        _ person: ParticipantAccount,
        _ reason: ClaimReason,
        channel: ClaimChannel,
        client: some TestClientProtocol,
        server: OfficeTestServer
    ) async throws -> (claim: UUID, phone: OfficePhone, officers: [String: String]) {
        var phone = try await client.phone(
            person,
            device: "phone-\(person.participant.kpj.rawValue)",
            inbox: server.inbox,
            clock: server.clock,
            uploads: server.store
        )
        let claim = try await phone.draftClaim(
            reason,
            bankAccount: TestAccounts.bca(person.participant.name),
            client: client,
            clock: server.clock,
            channel: channel
        )
        let outcome = try await phone.intent(.submitClaim, [:], record: Claim.key(claim), client: client, clock: server.clock)
        #expect(outcome == .applied, "\(outcome)")
        let officers = try await client.officers(["1001", "1002"], inbox: server.inbox)
        #expect(try await client.office("documents-complete", claim: claim, token: officers["1001"]!).status == .ok)
        return (claim, phone, officers)
    }

    @Test(arguments: [(ClaimChannel.lapakAsik, Appointment.Kind.videoCall, "branchVisit"), (.branch, .branchVisit, "videoCall")])
    func theBackOfficeVerifiesOnlyAfterTheInPersonCheck(_ channel: ClaimChannel, _ kind: Appointment.Kind, _ otherKind: String) async throws
    {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let person = channel == .lapakAsik ? agus : siti
            let (claim, phone, officers) = try await submitted(
                person,
                .retirementOrResignation(person),
                channel: channel,
                client: client,
                server: server
            )
            let ticketID = FallbackTicket.id(forClaim: .init(claim))

            // Submitting opened the claim's in-person check; the phone sees it.
            let ticket = try #require(
                try await client.pull(token: phone.tokens.access).changes.first { $0.record.key.type == "fallbackTicket" }
            ).record.decode(as: FallbackTicket.self)
            #expect(ticket.id == ticketID && ticket.status == .open)
            #expect(ticket.purpose == IdentityCheck.inPerson(for: channel))

            // Without it, the back office cannot verify, and nothing moves.
            let refused = try await client.office("verify", claim: claim, token: officers["1002"]!)
            #expect(refused.status == .conflict)
            #expect(refused.json["code"] as? String == "claim.identityUnverified")
            #expect(try await server.storedClaim(claim).status == .documentsChecked)
            // Its documents are complete, but not yet correct against the originals: no SLA clock yet.
            #expect(try await server.storedClaim(claim).sla.startedAt == nil)

            // Only the appointment that serves the check can be booked.
            let day = LocalDate(OfficeTime.wib(plusDays: 1), in: .wib)
            let wrong = try await client.book(ticketID, ["kind": otherKind, "date": day.description], token: phone.tokens.access)
            #expect(wrong.status == .conflict)
            #expect(problemCode(wrong.body) == "appointment.kindNotAllowed")
            let booked = try await client.book(ticketID, ["kind": kind.rawValue, "date": day.description], token: phone.tokens.access)
            #expect(booked.status == .created, "\(String(buffer: booked.body))")

            // On the day the officer checks the participant in and records identity as verified.
            server.clock.set(OfficeTime.wib(plusDays: 1, hour: 15))
            let cso = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox).access
            #expect(try await client.office(ticketID, "check-in", token: cso).status == .ok)
            let decided = try await client.office(ticketID, "decision", token: cso, body: ["outcome": "verified"])
            #expect(decided.status == .ok, "\(String(buffer: decided.body))")
            let started = try #require(try await server.storedClaim(claim).sla.startedAt, "the SLA clock starts with the in-person check")
            #expect(abs(started.timeIntervalSince(server.clock.now)) < 1)

            let backOffice = try await client.signIn(officer: Demo.officer("1002"), inbox: server.inbox).access
            let verified = try await client.office("verify", claim: claim, token: backOffice)
            #expect(verified.status == .ok, "\(verified.json)")
            #expect(verified.json["verified"] as? Bool == true)
            #expect(try await server.storedClaim(claim).status == .verified)
        }
    }
}

extension IdentityCheckAPITests {
    /// A branch claim's counter check can take a place the same day: the participant is at the
    /// counter with the originals, and is served from now when their number's window has passed.
    /// A Lapak Asik interview still waits for the next day (its scans are checked the day before).
    @Test func theCounterChecksAParticipantTheDayTheyCome() async throws {
        let server = try OfficeTestServer()
        server.clock.set(OfficeTime.wib(plusDays: 0, hour: 14))  // Monday 14:00 WIB: the counter closes at 15:00
        try await server.app().test(.router) { client in
            let today = LocalDate(server.clock.now, in: .wib).description
            let (claim, phone, officers) = try await submitted(siti, .resignation, channel: .branch, client: client, server: server)
            let ticketID = FallbackTicket.id(forClaim: .init(claim))
            let booked = try await client.book(ticketID, ["kind": "branchVisit", "date": today], token: phone.tokens.access)
            #expect(booked.status == .created, "\(String(buffer: booked.body))")
            let appointment = try #require(try Wire.decode(TicketViewBody.self, booked.body).appointment)
            #expect(appointment.queueNumber == 1 && appointment.date.description == today)
            #expect(appointment.startsAt >= server.clock.now.addingTimeInterval(-1) && appointment.endsAt > server.clock.now)

            let cso = officers["1001"]!
            #expect(try await client.office(ticketID, "check-in", token: cso).status == .ok)
            #expect(try await client.office(ticketID, "decision", token: cso, body: ["outcome": "verified"]).status == .ok)
            #expect(try await client.office("verify", claim: claim, token: officers["1002"]!).status == .ok)

            let (lapak, agusPhone, _) = try await submitted(agus, .retirement, channel: .lapakAsik, client: client, server: server)
            let interview = FallbackTicket.id(forClaim: .init(lapak))
            let refused = try await client.book(interview, ["kind": "videoCall", "date": today], token: agusPhone.tokens.access)
            #expect(refused.status == .badRequest && problemCode(refused.body) == "appointment.tooSoon")
        }
    }
}

extension ClaimReason {
    /// The reason each demo person here can claim: Agus retired, Siti resigned.
    static func retirementOrResignation(_ person: ParticipantAccount) -> ClaimReason {
        person.participant.name == "Agus Wijaya" ? .retirement : .resignation
    }
}
