import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// The satisfaction survey: offered after payment, answered in the app, synced back once per
/// claim, validated on the server.
@Suite("Satisfaction survey")
struct SurveyIntentTests {
    let siti = Demo.person("Siti Rahayu")

    func survey(
        _ claim: UUID,
        clarity: Int = 5,
        speed: Int = 4,
        overall: Int = 5,
        comment: String? = "Clear and fast."
    ) -> [String: JSONValue] {
        var answers: [String: JSONValue] = [
            "claimID": .string(claim.uuidString), "clarity": .int(Int64(clarity)), "speed": .int(Int64(speed)),
            "overall": .int(Int64(overall)),
        ]
        if let comment { answers["comment"] = .string(comment) }
        return ["survey": .object(answers)]
    }

    func rejection(_ outcome: MutationOutcome) -> String? {
        if case .rejected(let rejection) = outcome { return rejection.code }
        return nil
    }

    @Test func aPaidClaimTakesOneSurveyThatSyncsBack() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let key = RecordKey(type: "survey", id: claim.uuidString)

            // Before payment the survey is not open.
            #expect(
                rejection(try await phone.intent(.submitSurvey, survey(claim), record: key, client: client, clock: server.clock))
                    == "survey.claimNotPaid"
            )

            let officers = try await client.officers(["1001", "1002", "1003", "1004"], inbox: server.inbox)
            for (path, officer) in [("documents-complete", "1001"), ("verify", "1002"), ("approve", "1003"), ("pay", "1004")] {
                #expect(try await client.office(path, claim: claim, token: officers[officer]!).status == .ok)
            }
            let cursor = try await client.pull(token: phone.tokens.access).cursor

            // Scores outside 1...5 are refused by SurveyResponse's own rules.
            #expect(
                rejection(try await phone.intent(.submitSurvey, survey(claim, speed: 6), record: key, client: client, clock: server.clock))
                    == "survey.score"
            )
            #expect(
                rejection(
                    try await phone.intent(
                        .submitSurvey,
                        survey(claim, comment: String(repeating: "a", count: 2001)),
                        record: key,
                        client: client,
                        clock: server.clock
                    )
                ) == "survey.comment"
            )
            // The survey is named by its claim.
            #expect(
                rejection(
                    try await phone.intent(
                        .submitSurvey,
                        survey(claim),
                        record: RecordKey(type: "survey", id: UUID().uuidString),
                        client: client,
                        clock: server.clock
                    )
                ) == "intent.invalidTarget"
            )

            #expect(try await phone.intent(.submitSurvey, survey(claim), record: key, client: client, clock: server.clock) == .applied)
            let page = try await client.pull(after: cursor, token: phone.tokens.access)
            let stored = try #require(page.changes.first { $0.record.key == key }).record.decode(as: SurveyResponse.self)
            #expect(stored.claimID.rawValue == claim)
            #expect([stored.clarity, stored.speed, stored.overall] == [5, 4, 5] as [Int])
            #expect(stored.comment == "Clear and fast.")
            #expect(stored.submittedAt == server.clock.now)

            // Once per claim.
            #expect(
                rejection(
                    try await phone.intent(.submitSurvey, survey(claim, overall: 1), record: key, client: client, clock: server.clock)
                )
                    == "survey.alreadySubmitted"
            )
            // A phone cannot write the record directly either.
            let direct = try await client.push(
                [phone.device.mutation(key, .update(fields: ["overall": 1]))],
                device: phone.device.id,
                token: phone.tokens.access
            )
            #expect(rejection(direct.results[0].outcome) != nil)
            let surveys = try await server.store.surveys(
                of: DemoData.bandung.id,
                from: OfficeTime.monday,
                until: OfficeTime.wib(plusDays: 1)
            )
            #expect(surveys.map(\.overall) == [5])
        }
    }

    @Test func anotherParticipantsClaimIsNotFound() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var siti = try await client.phone(
                self.siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await siti.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            var maria = try await client.phone(
                Demo.person("Maria Simanjuntak"),
                device: "maria-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let key = RecordKey(type: "survey", id: claim.uuidString)
            #expect(
                rejection(try await maria.intent(.submitSurvey, survey(claim), record: key, client: client, clock: server.clock))
                    == "claim.notFound"
            )
        }
    }
}
