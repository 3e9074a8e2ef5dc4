import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// Face checks reported through sync: the threshold, exactly one ticket per claim, the block
/// on further app attempts, the daily limit, and who sees a ticket.
@Suite("Fallback tickets through sync")
struct FallbackTicketSyncTests {
    let siti = Demo.person("Siti Rahayu")
    let now = When.utc("2026-11-23T02:00:00Z")  // Monday 09:00 WIB

    func server() throws -> TestServer {
        var server = try TestServer()
        server.now = { [now] in now }
        return server
    }

    func tickets(in page: PullResponse) -> [SyncRecord] {
        page.changes.map(\.record).filter { $0.key.type == "fallbackTicket" }
    }

    @Test func thirdFailureOpensOneTicketAndBlocksTheApp() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now,
                failures: 2
            )
            #expect(tickets(in: try await client.pull(token: setup.tokens.access)).isEmpty, "two failures open nothing")

            var phone = setup.phone
            let third = try await client.push(
                [phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: .noMatch, at: now)],
                device: phone.id,
                token: setup.tokens.access
            )
            #expect(third.results[0].outcome == .applied)
            let opened = tickets(in: try await client.pull(token: setup.tokens.access))
            #expect(opened.count == 1)
            let ticket = try #require(opened.first).decode(as: FallbackTicket.self)
            #expect(ticket.id == setup.ticketID)
            #expect(ticket.status == .open)
            #expect(ticket.claimID.rawValue == setup.claimID)
            #expect(ticket.openedAt == now)
            #expect(ticket.failureReasons == [.faceAngle, .noMatch])

            // Further app attempts for the claim, passed or failed, and an app submission are refused.
            let claimKey = Claim.key(setup.claimID)
            let after = try await client.push(
                [
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: nil, at: now),
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: .motion, at: now),
                    phone.intent(.submitClaim, ["claimID": .string(setup.claimID.uuidString)], record: claimKey),
                ],
                device: phone.id,
                token: setup.tokens.access
            )
            let codes = after.results.map { result -> String? in
                if case .rejected(let rejection) = result.outcome { return rejection.code }
                return nil
            }
            #expect(codes == ["attempt.fallbackOpen", "attempt.fallbackOpen", "claim.fallbackPending"])
            let claim = try #require(try await client.pull(token: setup.tokens.access).changes.first { $0.record.key == claimKey })
            #expect(try claim.record.decode(as: Claim.self).status == .draft)
        }
    }

    /// Replays of whole batches and two phones reporting out of order never open a second ticket.
    @Test func replayedAndReorderedReportsNeverOpenTwoTickets() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now,
                failures: 0
            )
            let second = try await client.signIn(siti, device: "siti-phone-2", inbox: server.inbox)
            var phoneOne = setup.phone
            var phoneTwo = TestDevice(id: "siti-phone-2", millis: Int64(now.timeIntervalSince1970 * 1000))
            // Attempt times deliberately out of order with arrival order.
            let batchOne = [
                phoneOne.faceCheck(siti.participant.id, claim: setup.claimID, failed: .lowLight, at: now.addingTimeInterval(-60)),
                phoneOne.faceCheck(siti.participant.id, claim: setup.claimID, failed: .lowLight, at: now.addingTimeInterval(-600)),
            ]
            let batchTwo = [
                phoneTwo.faceCheck(siti.participant.id, claim: setup.claimID, failed: .faceCovered, at: now.addingTimeInterval(-300)),
                phoneTwo.faceCheck(siti.participant.id, claim: setup.claimID, failed: .faceCovered, at: now.addingTimeInterval(-30)),
            ]
            let firstTwo = try await client.push(batchTwo, device: phoneTwo.id, token: second.access)
            let firstOne = try await client.push(batchOne, device: phoneOne.id, token: setup.tokens.access)
            #expect(firstTwo.results.map(\.outcome) == [.applied, .applied])
            #expect(firstOne.results[0].outcome == .applied, "the third failure opens the ticket")
            guard case .rejected(let blocked) = firstOne.results[1].outcome else {
                Issue.record("the fourth report must be refused once the ticket is open")
                return
            }
            #expect(blocked.code == "attempt.fallbackOpen")
            let cursor = try await client.pull(token: setup.tokens.access).cursor

            // Replays, in any order, answer what was answered and change nothing.
            #expect(try await client.push(batchOne, device: phoneOne.id, token: setup.tokens.access).results == firstOne.results)
            #expect(try await client.push(batchTwo, device: phoneTwo.id, token: second.access).results == firstTwo.results)
            #expect(try await client.push(batchOne, device: phoneOne.id, token: setup.tokens.access).results == firstOne.results)
            #expect(try await client.pull(after: cursor, token: setup.tokens.access).changes.isEmpty)

            let all = try await client.pull(token: setup.tokens.access)
            #expect(tickets(in: all).map(\.key.id) == [setup.ticketID.rawValue.uuidString], "exactly one ticket")
            #expect(all.changes.filter { $0.record.key.type == "biometricAttempt" }.count == 3)
        }
    }

    @Test func aPassedCheckBetweenFailuresOpensNothing() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now,
                failures: 2
            )
            var phone = setup.phone
            _ = try await client.push(
                [
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: nil, at: now.addingTimeInterval(-30)),
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: .motion, at: now),
                ],
                device: phone.id,
                token: setup.tokens.access
            )
            #expect(tickets(in: try await client.pull(token: setup.tokens.access)).isEmpty)
        }
    }

    @Test func faceChecksAreLimitedPerParticipantPerDay() async throws {
        var configured = try server()
        configured.configuration.biometric = BiometricPolicy(failuresBeforeFallback: 3, windowSeconds: 86_400, attemptsPerDay: 4)
        let server = configured
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var phone = TestDevice(id: "siti-phone-1", millis: Int64(now.timeIntervalSince1970 * 1000))
            // Data-update checks (no claim) count towards the same limit.
            let checks = (0..<5).map {
                phone.faceCheck(siti.participant.id, claim: nil, failed: .lowLight, at: now.addingTimeInterval(Double($0)))
            }
            let response = try await client.push(checks, device: phone.id, token: tokens.access)
            #expect(response.results.prefix(4).allSatisfy { $0.outcome == .applied })
            guard case .rejected(let limited) = response.results[4].outcome else {
                Issue.record("the fifth check of the day must be refused")
                return
            }
            #expect(limited.code == "attempt.rateLimited")
            let stored = try await client.pull(token: tokens.access).changes.filter { $0.record.key.type == "biometricAttempt" }
            #expect(stored.count == 4)
            #expect(
                try stored[0].record.decode(as: BiometricAttempt.self).receivedAt == now,
                "the server stamps when it recorded the check"
            )
        }
    }

    @Test func badReportsAreRefusedAndChangeNothing() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now,
                failures: 0
            )
            var phone = setup.phone
            let budi = Demo.person("Budi Santoso")
            let response = try await client.push(
                [
                    phone.faceCheck(siti.participant.id, claim: UUID(), failed: .lowLight, at: now),
                    phone.faceCheck(budi.participant.id, claim: setup.claimID, failed: .lowLight, at: now),
                    phone.faceCheck(siti.participant.id, claim: setup.claimID, failed: .lowLight, at: now.addingTimeInterval(3600)),
                ],
                device: phone.id,
                token: setup.tokens.access
            )
            let codes = response.results.map { result -> String? in
                if case .rejected(let rejection) = result.outcome { return rejection.code }
                return nil
            }
            #expect(codes == ["claim.notFound", "attempt.otherParticipant", "attempt.inFuture"])
        }
    }

    /// Tickets live in the participant's own bucket: nobody else pulls or reads them.
    @Test func aParticipantSeesOnlyTheirOwnTickets() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let setup = try await client.draftClaimWithFailedFaceChecks(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                store: server.store,
                now: now
            )
            let budi = try await client.signIn(Demo.person("Budi Santoso"), device: "budi-phone-1", inbox: server.inbox)
            #expect(tickets(in: try await client.pull(token: budi.access)).isEmpty)
            let ticketPath = "/v1/fallback/tickets/\(setup.ticketID.rawValue.uuidString)"
            let read = try await client.call(ticketPath, token: budi.access)
            #expect(read.status == .notFound)
            #expect(problemCode(read.body) == "ticket.notFound")
            let booking = try await client.book(setup.ticketID, ["kind": "branchVisit", "date": "2026-11-24"], token: budi.access)
            #expect(booking.status == .notFound, "another participant's ticket cannot be booked")
            let list = try await client.call("/v1/fallback/tickets", token: budi.access)
            #expect(try JSON.array(list.body).isEmpty)

            let own = try await client.call(ticketPath, token: setup.tokens.access)
            #expect(own.status == .ok)
            #expect(try Wire.decode(TicketViewBody.self, own.body).ticket.id == setup.ticketID)
            let mine = try Wire.decode(
                [TicketViewBody].self,
                try await client.call("/v1/fallback/tickets", token: setup.tokens.access).body
            )
            #expect(mine.map(\.ticket.id) == [setup.ticketID])
        }
    }
}
