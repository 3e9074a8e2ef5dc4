import APIClient
import APITypes
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import PhoneSync
import Server
import Sync
import Testing

/// The sample app (``ClaimApp``, written as app code on the SDK) against a live server, over
/// URLSession only: sign in, the three ticks, a claim drafted offline with its documents,
/// submitted, followed, corrected; and for a participant whose face check keeps failing, a
/// branch visit booked instead of a dead end. Officers act through the typed client.
@Suite("The sample app's flow")
struct SampleAppFlowTests {
    @Test func signInDraftOfflineSubmitFollowAnswerACorrectionAndBookAFallbackVisit() async throws {
        let server = try TestServer(blobs: try temporaryBlobStore())
        try await server.app().test(.live) { client in
            let address = ServerAddress(baseURL: URL(string: "http://127.0.0.1:\(try #require(client.port))")!)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sample-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            // Siti signs in; her home screen shows all three ticks.
            let siti = Demo.person("Siti Rahayu").participant
            let app = try await ClaimApp.signIn(
                server: address,
                nik: siti.nik.rawValue,
                kpj: siti.kpj.rawValue,
                deviceID: "siti-sample-phone",
                replicaPath: folder.appendingPathComponent("siti.sqlite").path
            ) { try #require(server.inbox.latest(for: siti.phone!.rawValue)) }
            let ticks = try await app.preconditions()
            #expect(ticks.membershipInactive && ticks.dataUpdateDone && ticks.balanceWithinCeiling)
            #expect(ticks.canClaimInApp)

            // On the bus: the claim, the account, five documents, submit; all on the phone.
            let claim = try app.startClaim(.resignation)
            try app.enterBankAccount(TestAccounts.bca("SITI RAHAYU"), on: claim)
            for (index, kind) in [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie].enumerated() {
                let format: DocumentFormat = kind == .referenceLetter ? .pdf : .jpeg
                try app.attach(Data(SampleFile.make(format, size: 40_000 + index * 1_000, seed: UInt64(80 + index))), as: kind, to: claim)
            }
            #expect(throws: Rejection.self) { try app.attach(Data("not a document".utf8), as: .bankBook, to: claim) }
            try app.submit(claim)
            #expect(try app.tracking(claim)?.badge == .pending)
            #expect(try app.statusLine(in: .english).contains("waiting"))

            // Online: sync now, then follow the live stream.
            try await app.syncNow()
            app.enterForeground()
            defer { app.enterBackground() }
            let submitted = try #require(try app.tracking(claim))
            #expect(submitted.status == .submitted)
            #expect(submitted.stage == .agendaKlaim)
            #expect(submitted.badge == .synced)
            #expect(try app.statusLine(in: .indonesian).hasPrefix("Terakhir sinkron"))

            // The CSO asks for a clearer bank book; the phone shows what to fix.
            let cso = try await officer("1001", server: address, inbox: server.inbox)
            let claimID = claim.id
            _ = try await cso.requestCorrection(
                path: .init(claimId: claimID),
                body: .json(.init(items: [.init(document: .bankBook, reason: "The first page is cut off.")]))
            ).ok
            #expect(try await eventually { try app.tracking(claim)?.status == .correctionRequested })
            let asked = try #require(try app.tracking(claim))
            #expect(asked.correction.map(\.document) == [.bankBook])
            #expect(asked.correction.first?.reason == "The first page is cut off.")
            #expect(!asked.notices.isEmpty, "a notice tells the participant")

            // The participant photographs the bank book again and sends the claim back.
            try app.answerCorrection(of: claim, with: [.bankBook: Data(SampleFile.make(.png, size: 30_000, seed: 99))])
            try await app.syncNow()
            #expect(try await eventually { try app.tracking(claim)?.status == .submitted })
            _ = try await cso.confirmDocumentsComplete(path: .init(claimId: claimID)).ok
            #expect(try await eventually { try app.tracking(claim)?.stage == .penetapanKlaim }, "followed live, no sync asked")
            #expect(try app.sync.store.rejections().isEmpty)

            // Rahmat has not done the data update: no tick for it. His face check fails three
            // times; the app offers a branch visit and books the first free day.
            let rahmat = Demo.person("Rahmat Hidayat").participant
            let second = try await ClaimApp.signIn(
                server: address,
                nik: rahmat.nik.rawValue,
                kpj: rahmat.kpj.rawValue,
                deviceID: "rahmat-sample-phone",
                replicaPath: folder.appendingPathComponent("rahmat.sqlite").path
            ) { try #require(server.inbox.latest(for: rahmat.phone!.rawValue)) }
            let rahmatTicks = try await second.preconditions()
            #expect(!rahmatTicks.dataUpdateDone)
            #expect(!rahmatTicks.canClaimInApp)
            let draft = try second.startClaim(.contractEnded)
            for reason in [BiometricAttempt.FailureReason.lowLight, .faceAngle, .faceCovered] {
                try second.reportFaceCheck(failedBecause: reason, for: draft)
            }
            try await second.syncNow()
            let ticket = try #require(try second.fallbackTicket(for: draft), "the server opened a fallback ticket")
            #expect(ticket.status == .open)
            let days = try await second.freeBranchVisitDays()
            let first = try #require(days.first)
            let appointment = try #require(try await second.bookBranchVisit(ticket, on: first))
            #expect(appointment.queueNumber == 1)
            #expect(try second.fallbackTicket(for: draft)?.status == .booked)
        }
    }

    /// An officer's typed client, signed in with the SDK.
    func officer(_ number: String, server: ServerAddress, inbox: CodeInbox) async throws -> some APIProtocol {
        let tokens = try await URLSessionTokenProvider.signInOfficer(
            server: server,
            employeeNumber: number,
            deviceID: "counter-pc-\(number)"
        ) {
            try #require(inbox.latest(for: Demo.officer(number).phone!.rawValue))
        }
        return JHTClient.signedIn(server: server, tokens: tokens)
    }
}
