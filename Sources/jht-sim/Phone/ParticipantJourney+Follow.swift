import Foundation
import Models
import NIOHTTP1
import PhoneSync
import Server
import Sync
import SyncHTTP
import Synchronization

extension ParticipantJourney {
    /// Books the fallback ticket the server opened after three failed face checks: a branch
    /// visit (first come, first served within the daily quota) or a video call; a full day
    /// answers with the next free one, which the participant takes. `kind` leaves the person no
    /// choice (an identity check that must be a video interview, or at the counter); `first` is
    /// the first day asked for (the next working day when `nil`; today for someone at the counter).
    mutating func bookFallback(_ kind: Appointment.Kind? = nil, from first: LocalDate? = nil) async throws {
        try await main.sync()
        let ticketID = FallbackTicket.id(forClaim: .init(claimID)).rawValue.uuidString
        let ticketKey = RecordKey(type: FallbackTicket.syncSchema.type, id: ticketID)
        guard try main.client.store.localRecord(ticketKey) != nil else {
            metrics.divergence("participant \(member.index): three failed face checks but no fallback ticket reached the phone")
            outcome = "face check failed, no ticket"
            return
        }
        metrics.fallback { $0.ticketsOpened += 1 }
        let video = kind.map { $0 == .videoCall } ?? random.chance(settings.videoCallShare)
        let calendar = WorkingDayCalendar.indonesia
        var date = first ?? calendar.workingDay(onOrAfter: LocalDate(context.now(), in: .wib).adding(days: 1))
        for _ in 0..<40 {
            struct Booking: Encodable {
                var kind: String
                var date: String
            }
            let body = try WireCoding.encoder.encode(Booking(kind: video ? "videoCall" : "branchVisit", date: date.description))
            let response = try await context.http.send(
                .POST,
                "/v1/fallback/tickets/\(ticketID)/appointment",
                family: "booking",
                token: try await main.tokens.accessToken(),
                body: body
            )
            switch response.status {
            case 200, 201:
                let booked = date.description
                metrics.fallback { figures in
                    if video {
                        figures.videoCallsBooked += 1
                    } else {
                        figures.branchVisitsBooked += 1
                        figures.branchVisitsByDate[booked, default: 0] += 1
                    }
                }
                outcome = video ? "waiting for a video call" : "waiting for a branch visit"
                return
            case 401:
                _ = try await main.tokens.refresh()
            case 409:
                metrics.fallback { $0.dayFullAnswers += 1 }
                struct Full: Decodable { var nextFreeDate: String? }
                let next = (try? WireCoding.decoder.decode(Full.self, from: response.body))?.nextFreeDate.flatMap { try? LocalDate($0) }
                date = next ?? calendar.workingDay(onOrAfter: date.adding(days: 1))
            case 400..<500:
                date = calendar.workingDay(onOrAfter: date.adding(days: 1))
            default:
                throw SimHTTP.failure(response)
            }
        }
        outcome = "no appointment found"
    }

    /// Follows the claim on the live stream until it is final or the person puts the phone
    /// away: each poke syncs every phone (the latency from the officer's action to a phone
    /// showing the status is measured here); corrections, failed payments and the survey are
    /// answered as they come.
    mutating func followStatus() async throws {
        let deadline = Date().addingTimeInterval(settings.followSeconds)
        var shown: [Int: ClaimStatus] = [:]
        while true {
            let seen = main.pokes.version
            for (index, phone) in phones.enumerated() {
                if phone.network.isOffline { try phone.comeOnline() }
                try await phone.sync()
                if let claim = try phone.client.store.localModel(Claim.self, id: claimID.uuidString), shown[index] != claim.status {
                    shown[index] = claim.status
                    metrics.phoneSaw(claim: claimID, status: claim.status.rawValue)
                }
            }
            guard let claim = try main.client.store.localModel(Claim.self, id: claimID.uuidString) else {
                outcome = "claim missing on the phone"
                return
            }
            if try await respond(to: claim) { return }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                if outcome == "unfinished" || !outcome.hasPrefix("waiting") { outcome = "still open: \(claim.status.rawValue)" }
                return
            }
            if let phone = random.pick(phones) { try await maybeFault(phone) }
            _ = await main.waitForPoke(after: seen, seconds: min(remaining, 5))
        }
    }

    /// What the participant does about the claim their phone shows: the survey once it is paid
    /// (the journey ends), the fix the CSO asked for, another account after a failed payment
    /// (each once; with `answering` false the person has not got round to it yet).
    /// - Returns: true when the claim is final.
    mutating func respond(to claim: Claim, answering: Bool = true) async throws -> Bool {
        switch claim.status {
        case .paid:
            if random.chance(settings.surveyRate) { try await answerSurvey() }
            outcome = "paid"
            return true
        case .rejected, .cancelled:
            outcome = "\(claim.status.rawValue) by the office"
            return true
        case .correctionRequested where answering:
            let mark = "correction \(claim.correction?.requestedAt.timeIntervalSince1970 ?? 0)"
            if answered.insert(mark).inserted { try await fixCorrection(claim) }
        case .paymentFailed where answering:
            if answered.insert("new account").inserted {
                try main.client.mutate(
                    record: claimKey,
                    operation: .intent(
                        Intent(
                            name: .provideNewBankAccount,
                            arguments: ["bankAccount": try JSONValue(encoding: member.secondBankAccount)]
                        )
                    ),
                    id: random.uuid()
                )
                try await main.sync()
            }
        default:
            break
        }
        return false
    }

    /// Sends again what the CSO asked for, then resubmits.
    mutating func fixCorrection(_ claim: Claim) async throws {
        for item in claim.correction?.items ?? [] {
            if let kind = item.document { try queue(kind) }
            if item.field == "bankAccount" {
                try main.client.mutate(
                    record: claimKey,
                    operation: .update(fields: ["bankAccount": try JSONValue(encoding: member.secondBankAccount)]),
                    id: random.uuid()
                )
            }
        }
        try await main.uploadDocuments()
        try main.client.mutate(record: claimKey, operation: .intent(Intent(name: .resubmitClaim)), id: random.uuid())
        try await main.sync()
    }

    mutating func answerSurvey() async throws {
        let survey: JSONValue = .object([
            "claimID": .string(claimID.uuidString),
            "clarity": .int(Int64(random.int(3...5))),
            "speed": .int(Int64(random.int(2...5))),
            "overall": .int(Int64(random.int(3...5))),
        ])
        try main.client.mutate(
            record: RecordKey(type: SurveyResponse.syncSchema.type, id: claimID.uuidString),
            operation: .intent(Intent(name: .submitSurvey, arguments: ["survey": survey])),
            id: random.uuid()
        )
        try await main.sync()
    }

    /// Between steps: now and then the app is killed, or the phone loses the network for a
    /// moment (changes made meanwhile stay in the outbox).
    mutating func maybeFault(_ phone: Phone) async throws {
        if random.chance(settings.killRate) { try phone.kill() }
        if random.chance(settings.offlineRate) {
            try phone.goOffline()
            try await Task.sleep(for: .milliseconds(random.int(50...400)))
            try phone.comeOnline()
        }
    }
}
