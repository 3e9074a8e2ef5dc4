import Foundation
import Models
import Sync
import Testing

@testable import Server

/// The push planner without I/O: every mutation of a batch ends applied or refused with a
/// reason, counters are checked once, replays answer what was answered and only that, and
/// record ids are taken in either letter case and kept in upper case.
@Suite("Push planner")
struct PushPlannerTests {
    let siti = Demo.person("Siti Rahayu")
    let now = Date(timeIntervalSince1970: 1_795_402_800)
    let device = "siti-phone-1"

    var bucket: BucketID { .participant(siti.participant.id.rawValue.uuidString) }

    func planner(lastCounter: Int64 = 0, stored: [Int64: MutationResult] = [:], foreign: Set<RecordKey> = []) -> PushPlanner {
        PushPlanner(
            bucket: bucket,
            deviceID: device,
            lastCounter: lastCounter,
            stored: stored,
            foreignKeys: foreign,
            intents: IntentHandler(
                account: siti,
                branch: DemoData.bandung,
                rules: .standard,
                uploads: UploadLimits(),
                now: now,
                biometric: BiometricPolicy()
            )
        )
    }

    func mutation(_ counter: Int64, _ record: RecordKey, _ operation: Sync.Operation, id: UUID = UUID()) -> Mutation {
        Mutation(
            id: id,
            deviceID: device,
            counter: counter,
            clock: HLCTimestamp(millis: Int64(now.timeIntervalSince1970 * 1000), counter: UInt32(max(counter, 0)), node: device),
            record: record,
            operation: operation
        )
    }

    func plan(
        _ mutations: [Mutation],
        with planner: PushPlanner,
        records: [RecordKey: SyncRecord] = [:]
    ) throws(PushPlanner.Failure) -> PushPlanner.Plan {
        var clock = HybridLogicalClock(node: "server")
        return try planner.plan(mutations, records: records, clock: &clock, physicalMillis: Int64(now.timeIntervalSince1970 * 1000))
    }

    func draft(_ counter: Int64, _ id: String) -> Mutation {
        mutation(counter, RecordKey(type: "claim", id: id), .intent(Intent(name: .createClaimDraft, arguments: ["reason": "resignation"])))
    }

    @Test func countersStartAtOneAndRiseWithoutGaps() {
        #expect(throws: PushPlanner.Failure.malformedBatch("a device's counters start at 1")) {
            try plan([draft(0, UUID().uuidString)], with: planner())
        }
        #expect(throws: PushPlanner.Failure.malformedBatch("a device's counters start at 1")) {
            try plan([draft(-3, UUID().uuidString)], with: planner())
        }
        #expect(throws: PushPlanner.Failure.counterGap(expected: 1)) { try plan([draft(2, UUID().uuidString)], with: planner()) }
        #expect(throws: PushPlanner.Failure.malformedBatch("mutations must be in increasing counter order")) {
            try plan([draft(1, UUID().uuidString), draft(1, UUID().uuidString)], with: planner())
        }
    }

    @Test func aLowerCaseIdIsTakenAndKeptInUpperCase() throws {
        let id = UUID()
        let result = try plan([draft(1, id.uuidString.lowercased())], with: planner())
        #expect(result.results.map(\.outcome) == [.applied])
        #expect(result.writes.map(\.key) == [RecordKey(type: "claim", id: id.uuidString)])
        #expect(result.newLastCounter == 1)
    }

    @Test func aMalformedIdOrUnknownTypeIsRefusedAndItsCounterUsed() throws {
        let result = try plan(
            [draft(1, "claim-1"), mutation(2, RecordKey(type: "nope", id: UUID().uuidString), .update(fields: ["x": 1]))],
            with: planner()
        )
        #expect(result.results.map(\.outcome.rejectionCode) == ["record.idFormat", "record.unknownType"])
        #expect(result.writes.isEmpty)
        #expect(result.newLastCounter == 2, "a refusal is an answer: the counter is used")
    }

    @Test func aReplayAnswersWhatWasAnsweredAndOnlyForTheSameMutation() throws {
        let id = UUID()
        let first = MutationResult(mutationID: id, counter: 1, outcome: .applied)
        let same = mutation(1, RecordKey(type: "claim", id: UUID().uuidString), .delete, id: id)
        let replayed = try plan([same], with: planner(lastCounter: 1, stored: [1: first]))
        #expect(replayed.results == [first])
        #expect(replayed.writes.isEmpty && replayed.newLastCounter == 1)

        let reused = try plan([draft(1, UUID().uuidString)], with: planner(lastCounter: 1, stored: [1: first]))
        #expect(reused.results.map(\.outcome.rejectionCode) == ["mutation.counterReused"])
        #expect(reused.writes.isEmpty, "nothing of a reused counter is applied")
        let unknown = try plan([draft(1, UUID().uuidString)], with: planner(lastCounter: 1))
        #expect(unknown.results.map(\.outcome.rejectionCode) == ["mutation.replayUnknown"])
    }

    @Test func anInvalidValueIsRefusedWithItsFieldAndNeverWritten() throws {
        let id = UUID().uuidString
        let key = RecordKey(type: "claim", id: id)
        let result = try plan(
            [
                draft(1, id), mutation(2, key, .update(fields: ["taxNumber": "12-34"])),
                mutation(
                    3,
                    key,
                    .update(fields: ["bankAccount": .object(["bankCode": "014", "number": "1", "holderName": "SITI RAHAYU"])])
                ),
            ],
            with: planner()
        )
        #expect(result.results.map(\.outcome.rejectionCode) == [nil, "taxNumber.length", "bankAccount.length"])
        let written = try #require(result.writes.first)
        #expect(written["taxNumber"] == nil && written["bankAccount"] == nil)
        #expect(throws: Never.self) { try written.decode(as: Claim.self) }
    }

    @Test func aRecordOfAnotherBucketIsNotAvailable() throws {
        let id = UUID().uuidString
        let result = try plan([draft(1, id)], with: planner(foreign: [RecordKey(type: "claim", id: id)]))
        #expect(result.results.map(\.outcome.rejectionCode) == ["record.idTaken"])
    }
}

extension MutationOutcome {
    /// The rejection's code, or `nil` when the mutation took effect.
    var rejectionCode: String? {
        if case .rejected(let rejection) = self { return rejection.code }
        return nil
    }
}
