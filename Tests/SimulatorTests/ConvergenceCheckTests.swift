import Foundation
import Models
import Sync
import Testing

@testable import jht_sim

/// The end-of-run check catches what it must: an acknowledged write the server no longer shows.
@Suite("Acknowledged-mutation check")
struct ConvergenceCheckTests {
    let key = RecordKey(type: "profile", id: "p-1")

    func mutation(_ fields: [String: JSONValue], millis: Int64) -> Mutation {
        Mutation(
            deviceID: "d",
            counter: 1,
            clock: HLCTimestamp(millis: millis, counter: 0, node: "d"),
            record: key,
            operation: .update(fields: fields)
        )
    }

    func record(email: String, millis: Int64) -> SyncRecord {
        SyncRecord(
            key: key,
            fields: ["email": .register(.init(value: .string(email), clock: HLCTimestamp(millis: millis, counter: 0, node: "s")))]
        )
    }

    @Test func aWriteStillStandingOrOverwrittenLaterPasses() {
        let write = mutation(["email": "a@example.co.id"], millis: 100)
        let result = MutationResult(mutationID: write.id, counter: 1, outcome: .applied)
        #expect(ParticipantJourney.missing(write, result, in: [key: record(email: "a@example.co.id", millis: 100)]) == nil)
        #expect(ParticipantJourney.missing(write, result, in: [key: record(email: "b@example.co.id", millis: 200)]) == nil)
    }

    @Test func aWriteTheServerLostIsReported() {
        let write = mutation(["email": "a@example.co.id"], millis: 300)
        let result = MutationResult(mutationID: write.id, counter: 1, outcome: .applied)
        let problem = ParticipantJourney.missing(write, result, in: [key: record(email: "old@example.co.id", millis: 100)])
        #expect(problem?.contains("field email lost its acknowledged write") == true)
        #expect(ParticipantJourney.missing(write, result, in: [:])?.contains("record is gone") == true)
    }

    @Test func aSupersededFieldIsNotExpectedToStand() {
        let write = mutation(["email": "a@example.co.id"], millis: 50)
        let result = MutationResult(mutationID: write.id, counter: 1, outcome: .merged(superseded: ["email"]))
        #expect(ParticipantJourney.missing(write, result, in: [key: record(email: "newer@example.co.id", millis: 40)]) == nil)
    }
}

/// Status latency reads against a baseline measured in the same run.
@Suite("Latency baseline")
struct LatencyBaselineTests {
    @Test func theReportGivesStatusLatencyAsARatioToOnePull() {
        var results = Fixtures.results(latencies: Array(repeating: 120, count: 10))
        #expect(!ReportText.render(results, plotsFolder: nil).contains("baseline"))
        results.pullRoundTripMillis = Array(repeating: 40, count: 10)
        #expect(ReportText.render(results, plotsFolder: nil).contains("baseline: one pull round trip p50 40 ms; status p50 is 3.0x that"))
    }
}
