import Foundation
import Models
import Testing

@Suite("SurveyResponse")
struct SurveyResponseTests {
    static let id = SurveyResponse.ID(UUID(uuidString: "99999999-0000-0000-0000-000000000001")!)

    @Test(arguments: [(0, 3, 3, "clarity"), (3, 6, 3, "speed"), (3, 3, -1, "overall")])
    func scoresRunFromOneToFive(clarity: Int, speed: Int, overall: Int, field: String) {
        let error = #expect(throws: ValueError.self) {
            try SurveyResponse(
                id: Self.id,
                claimID: Fixtures.claimID,
                clarity: clarity,
                speed: speed,
                overall: overall,
                comment: nil,
                submittedAt: utc("2026-04-01T05:00:00Z")
            )
        }
        #expect(error?.code == "survey.score")
        #expect(error?.field == field)
    }

    @Test func commentsAreLimitedToTwoThousandCharacters() throws {
        let ok = try SurveyResponse(
            id: Self.id,
            claimID: Fixtures.claimID,
            clarity: 1,
            speed: 5,
            overall: 3,
            comment: String(repeating: "a", count: 2_000),
            submittedAt: utc("2026-04-01T05:00:00Z")
        )
        #expect(ok.comment?.count == 2_000)
        #expect(
            valueErrorCode {
                try SurveyResponse(
                    id: Self.id,
                    claimID: Fixtures.claimID,
                    clarity: 1,
                    speed: 5,
                    overall: 3,
                    comment: String(repeating: "a", count: 2_001),
                    submittedAt: utc("2026-04-01T05:00:00Z")
                )
            } == "survey.comment"
        )
    }

    @Test(arguments: [#""clarity": 9"#, #""clarity": 0"#])
    func decodingRunsTheSameChecks(clarity: String) {
        let json = """
            { "id": "99999999-0000-0000-0000-000000000001", "claimID": "33333333-3333-3333-3333-333333333333",
              \(clarity), "speed": 4, "overall": 5, "submittedAt": "2026-04-01T05:00:00Z" }
            """
        let error = #expect(throws: DecodingError.self) { try decode(SurveyResponse.self, json) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect((context.underlyingError as? ValueError)?.code == "survey.score")
    }
}
