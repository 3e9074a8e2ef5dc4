import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Sync
import Testing

@testable import Server

/// What the authorization matrix's requests name: each caller's tokens, claims in the states
/// the office steps need (each step on its own claim, so one step does not move another's),
/// fallback tickets, uploads and a document.
struct Fixtures: Sendable {
    var tokens: [AuthorizationMatrixTests.Caller: Tokens]
    var devices: [AuthorizationMatrixTests.Caller: String]
    var expired: String
    /// A push from the participant's own phone.
    var push: [UInt8]
    /// Siti's claim: checked, verified, approved and paid by the steps; Budi's, to reject.
    var checked: UUID
    var rejected: UUID
    /// Dewi's claim for a correction; Maria's, verified for the head of service to return.
    var corrected: UUID
    var returned: UUID
    /// Siti's open ticket, and Maria's, booked for the day of the matrix at Bandung Suci.
    var ownTicket: FallbackTicket.ID
    var bookedTicket: FallbackTicket.ID
    /// Siti's upload, and one for each of her callers to cancel.
    var upload: UUID
    var uploadsToTerminate: [AuthorizationMatrixTests.Caller: UUID]
    var document: (claim: UUID, id: UUID)

    /// The bearer token a caller sends, if any.
    func bearer(_ caller: AuthorizationMatrixTests.Caller) -> String? {
        switch caller {
        case .noToken: nil
        case .expiredToken: expired
        default: tokens[caller]?.access
        }
    }
}

enum MatrixFixtures {
    /// Monday 21 December 2026, 09:00 WIB: the claims are filed and the visit booked.
    static let booking = When.utc("2026-12-21T02:00:00Z")
    /// Tuesday 22 December, 08:10 WIB: the day of the visit, when the matrix runs.
    static let appointmentDay = When.utc("2026-12-22T01:10:00Z")

    static func make(client: some TestClientProtocol, server: OfficeTestServer) async throws -> Fixtures {
        let siti = Demo.person("Siti Rahayu")
        let maria = Demo.person("Maria Simanjuntak")
        let clock = server.clock
        // One claim in the office per participant: each step's claim has its own owner.
        func submitted(_ name: String, _ reason: ClaimReason, device: String) async throws -> (phone: OfficePhone, claim: UUID) {
            var phone = try await client.phone(Demo.person(name), device: device, inbox: server.inbox, clock: clock, uploads: server.store)
            let claim = try await phone.submitClaim(reason, bankAccount: TestAccounts.bca(name), client: client, clock: clock)
            return (phone, claim)
        }
        let sitis = try await submitted("Siti Rahayu", .resignation, device: "siti-phone-1")
        var sitiPhone = sitis.phone
        let checked = sitis.claim
        let rejected = try await submitted("Budi Santoso", .termination, device: "budi-phone-2").claim
        let returned = try await submitted("Maria Simanjuntak", .leavingIndonesia, device: "maria-phone-1").claim
        let corrected = try await submitted("Dewi Lestari", .partial10, device: "dewi-phone-1").claim
        let monday = try await client.officers(["1001", "1002"], inbox: server.inbox)
        #expect(try await client.office("documents-complete", claim: returned, token: monday["1001"]!).status == .ok)
        #expect(try await client.office("verify", claim: returned, token: monday["1002"]!).status == .ok)

        // Siti's open ticket, with a document uploaded over tus and attached to its draft.
        var own = try await client.draftClaimWithFailedFaceChecks(
            siti,
            device: "siti-phone-3",
            inbox: server.inbox,
            store: server.store,
            now: clock.now
        )
        let letter = SampleFile.make(.pdf, size: 3_000)
        let location = try await client.uploadDocument(letter, kind: .referenceLetter, claimID: own.claimID, token: own.tokens.access)
        let documentID = UUID()
        let attach = own.phone.intent(
            .attachDocument,
            attachArguments(claimID: own.claimID, location: location, extra: ["documentID": .string(documentID.uuidString)]),
            record: Claim.key(own.claimID)
        )
        #expect(try await client.push([attach], device: own.phone.id, token: own.tokens.access).results.first?.outcome == .applied)
        // Maria's ticket, booked at Bandung Suci for Tuesday.
        let booked = try await client.draftClaimWithFailedFaceChecks(
            maria,
            device: "maria-phone-2",
            inbox: server.inbox,
            store: server.store,
            now: clock.now
        )
        #expect(
            try await client.book(booked.ticketID, ["kind": "branchVisit", "date": "2026-12-22"], token: booked.tokens.access).status
                == .created
        )

        // Tuesday: everyone signs in afresh.
        clock.set(appointmentDay)
        var tokens: [AuthorizationMatrixTests.Caller: Tokens] = [:]
        var devices: [AuthorizationMatrixTests.Caller: String] = [
            .participant: "siti-phone-1", .otherDevice: "siti-phone-2", .otherParticipant: "budi-phone-1",
        ]
        tokens[.participant] = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
        tokens[.otherDevice] = try await client.signIn(siti, device: "siti-phone-2", inbox: server.inbox)
        tokens[.otherParticipant] = try await client.signIn(Demo.person("Budi Santoso"), device: "budi-phone-1", inbox: server.inbox)
        for (caller, number) in [
            (AuthorizationMatrixTests.Caller.cso, "1001"), (.backOffice, "1002"), (.headOfService, "1003"), (.finance, "1004"),
            (.otherBranch, "2001"),
        ] {
            devices[caller] = "counter-\(number)"
            tokens[caller] = try await client.signIn(officer: Demo.officer(number), device: "counter-\(number)", inbox: server.inbox)
        }
        let sitiAccess = try #require(tokens[.participant]?.access)
        func upload() async throws -> UUID {
            let created = try await client.createUpload(token: sitiAccess, length: 2_000, metadata: ["kind": "idCard"])
            return uploadID(try #require(created.headers[.location]))
        }
        let shared = try await upload()
        var terminate = Dictionary(uniqueKeysWithValues: AuthorizationMatrixTests.Caller.allCases.map { ($0, shared) })
        terminate[.participant] = try await upload()
        terminate[.otherDevice] = try await upload()

        sitiPhone.device.millis = Int64(clock.now.timeIntervalSince1970 * 1000)
        let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString)
        let push = PushRequest(
            deviceID: "siti-phone-1",
            mutations: [sitiPhone.device.mutation(profile, .update(fields: ["email": "siti@example.co.id"]))]
        )
        let expired = try TokenService(keys: server.signingKeys).accessToken(
            for: Principal(kind: .participant, id: siti.participant.id.rawValue, deviceID: DeviceID("siti-phone-1")),
            family: UUID(),
            now: clock.now.addingTimeInterval(-3600)
        )
        return Fixtures(
            tokens: tokens,
            devices: devices,
            expired: expired,
            push: Array(Wire.body(push).readableBytesView),
            checked: checked,
            rejected: rejected,
            corrected: corrected,
            returned: returned,
            ownTicket: own.ticketID,
            bookedTicket: booked.ticketID,
            upload: shared,
            uploadsToTerminate: terminate,
            document: (own.claimID, documentID)
        )
    }
}
