import APIClient
import APITypes
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import SyncHTTP
import Testing

/// The whole path on a real port: a phone drafts a claim through sync, fails the face check
/// three times, gets a ticket, books a branch visit; on the day an officer checks the
/// participant in and verifies them; the claim continues and the phone, poked, pulls it.
@Suite("Fallback end to end over HTTP")
struct FallbackLiveTests {
    @Test func failedFaceChecksBecomeAnAppointmentAndTheClaimContinuesWithoutReEntry() async throws {
        let clock = MovableClock(Date())
        var configured = try TestServer()
        configured.now = clock.read
        let server = configured
        let siti = Demo.person("Siti Rahayu")
        let device = "siti-live-phone"
        try await server.app().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: base,
                nik: siti.participant.nik.rawValue,
                kpj: siti.participant.kpj.rawValue,
                deviceID: device
            ) { try #require(server.inbox.latest(for: siti.participant.phone!.rawValue)) }
            let phone = try SyncClient(
                store: try ReplicaStore.inMemory(newDeviceID: device),
                transport: HTTPSyncTransport(baseURL: base),
                tokens: tokens
            )

            // The claim is drafted on the phone: reason, bank account, documents.
            let claimID = UUID()
            let claimKey = RecordKey(type: "claim", id: claimID.uuidString)
            try phone.mutate(
                record: claimKey,
                operation: .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "channel": "app"]))
            )
            let account = try BankAccount(bank: .bca, number: "1234567890", holderName: "SITI RAHAYU")
            try phone.mutate(record: claimKey, operation: .update(fields: ["bankAccount": try JSONValue(encoding: account)]))
            let kinds = [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie]
            let uploads = try await storedUploads(kinds, owner: siti.participant.id, claimID: claimID, store: server.store)
            for kind in kinds {
                try phone.mutate(
                    record: claimKey,
                    operation: .intent(Intent(name: .attachDocument, arguments: attachArguments(uploads[kind], claimID: claimID)))
                )
            }
            try await phone.syncNow()
            let drafted = try #require(try phone.store.localRecord(claimKey)).decode(as: Claim.self)
            #expect(drafted.status == .draft)
            #expect(drafted.documents.count == 5)

            // Three failed face checks.
            for (index, reason) in [BiometricAttempt.FailureReason.lowLight, .faceAngle, .faceCovered].enumerated() {
                let attempt = BiometricAttempt(
                    id: .init(UUID()),
                    participantID: siti.participant.id,
                    claimID: .init(claimID),
                    result: .failed,
                    failureReason: reason,
                    livenessScore: 0.3,
                    deviceID: DeviceID(device),
                    attemptedAt: clock.now.addingTimeInterval(Double(index * 20 - 60))
                )
                try phone.mutate(
                    record: RecordKey(type: "biometricAttempt", id: attempt.recordID),
                    operation: .intent(Intent(name: .reportBiometricAttempt, arguments: ["attempt": try JSONValue(encoding: attempt)]))
                )
            }
            try await phone.syncNow()
            let ticketID = FallbackTicket.id(forClaim: .init(claimID))
            let ticketKey = RecordKey(type: "fallbackTicket", id: ticketID.rawValue.uuidString)
            let opened = try #require(try phone.store.localRecord(ticketKey), "the ticket reached the phone").decode(
                as: FallbackTicket.self
            )
            #expect(opened.status == .open)
            #expect(opened.claimID.rawValue == claimID)

            // The participant books the first bookable day at their branch.
            let date = AppointmentPolicy().bookableDays(at: clock.now, in: .wib, calendar: .indonesia).lowerBound
            let api = JHTClient.make(serverURL: URL(string: base)!, middlewares: [BearerToken(token: try #require(phone.accessToken))])
            let booked = try await api.bookFallbackAppointment(
                path: .init(ticketId: ticketID.rawValue.uuidString),
                body: .json(.init(kind: .branchVisit, branchId: "BDG-SUCI", date: date.description))
            ).created.body.json
            #expect(booked.ticket.status == .booked)
            #expect(booked.appointment?.queueNumber == 1)
            try await phone.syncNow()
            let appointmentKey = RecordKey(type: "appointment", id: try #require(booked.appointment?.id))
            let appointment = try #require(try phone.store.localRecord(appointmentKey)).decode(as: Appointment.self)
            #expect(appointment.queueNumber == 1)
            #expect(appointment.startsAt == date.start(in: .wib).addingTimeInterval(8 * 3600), "08:00 WIB")
            #expect(try phone.store.localRecord(ticketKey)?["status"] == "booked")

            // The appointment's day, 08:10 WIB. The phone listens for pokes.
            clock.set(date.start(in: .wib).addingTimeInterval(8 * 3600 + 600))
            try await phone.syncNow()
            let cursor = try phone.store.cursor()
            let stream = LiveStream(baseURL: base).pokes(after: cursor, accessToken: try #require(phone.accessToken))
            let poked = Task { () -> Poke? in
                for try await poke in stream where poke.cursor != cursor { return poke }
                return nil
            }

            // The CSO of the branch checks Siti in and verifies her identity.
            let challenge = try await JHTClient.make(serverURL: URL(string: base)!).requestOfficerCode(
                body: .json(.init(employeeNumber: "1001", deviceId: "counter-live-1"))
            ).accepted.body.json
            let code = try #require(server.inbox.latest(for: Demo.officer("1001").phone!.rawValue))
            let officerTokens = try await JHTClient.make(serverURL: URL(string: base)!).exchangeCode(
                body: .json(.init(challengeId: challenge.challengeId, code: code, deviceId: "counter-live-1"))
            ).ok.body.json
            let office = JHTClient.make(serverURL: URL(string: base)!, middlewares: [BearerToken(token: officerTokens.accessToken)])
            let checkedIn = try await office.checkInFallbackTicket(path: .init(ticketId: ticketID.rawValue.uuidString)).ok.body.json
            #expect(checkedIn.ticket.status == .checkedIn)
            #expect(checkedIn.claim?.documents.count == 5, "the officer sees the documents the phone attached")
            let decision = try await office.decideFallbackTicket(
                path: .init(ticketId: ticketID.rawValue.uuidString),
                body: .json(.init(outcome: .verified))
            ).ok.body.json
            #expect(decision.claimContinued)
            #expect(decision.entry.claim?.status == .submitted)

            // The phone is poked and pulls the new status; nothing was re-entered.
            let poke = try await withTimeout(seconds: 10) { try await poked.value }
            #expect(try #require(poke).cursor != cursor)
            try await phone.syncNow()
            let claim = try #require(try phone.store.localRecord(claimKey)).decode(as: Claim.self)
            #expect(claim.status == .submitted)
            #expect(claim.channel == .branch)
            #expect(claim.documents == drafted.documents)
            #expect(claim.bankAccount == drafted.bankAccount)
            #expect(claim.stage == .agendaKlaim)
            #expect(try phone.store.localRecord(ticketKey)?["status"] == "verified")
            #expect(try phone.store.localRecord(appointmentKey)?["status"] == "completed")
            poked.cancel()
        }
        // Nothing personal reached a log line on the way.
        let secrets = [
            siti.participant.nik.rawValue, siti.participant.kpj.rawValue, siti.participant.phone!.rawValue, "1234567890",
        ]
        for line in server.logs.all {
            for secret in secrets { #expect(!line.contains(secret), "a log line carries personal data: \(line)") }
        }
        #expect(server.logs.all.contains { $0.contains("fallback identity decided") })
    }
}
