import Foundation
import Models
import Sync
import Testing

/// A push decodes straight into the sync engine's types, which make the contract's checks
/// themselves: a property no schema lists, a record type that does not sync or an argument of
/// the wrong shape is an error naming where it is; a value breaking its own rule (an account
/// number's length) still decodes, for the server to refuse with a reason the participant reads.
@Suite("The push body, read strictly")
struct StrictWireTests {
    let claimID = UUID(uuidString: "8C1C7A52-53C1-4A44-9D7E-E3D53A8C7A10")!

    func push(mutation: String) -> String {
        #"{"deviceID": "siti-phone-1", "mutations": [\#(mutation)]}"#
    }

    func mutation(
        record: String = #"{"type": "claim", "id": "8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10"}"#,
        operation: String,
        extra: String = ""
    )
        -> String
    {
        #"{"id": "5e0c2d1a-1111-4a44-9d7e-e3d53a8c7a10", "deviceID": "siti-phone-1", "counter": 1, "#
            + #""clock": {"millis": 1796266800000, "counter": 0, "node": "siti-phone-1"}, "record": \#(record), "operation": \#(operation)\#(extra)}"#
    }

    func decode(_ text: String) throws -> PushRequest {
        try JSONCoding.decoder.decode(PushRequest.self, from: Data(text.utf8))
    }

    /// The coding path of the error `text` fails with, as dotted text.
    func failure(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as DecodingError {
            let context: DecodingError.Context
            switch error {
            case .keyNotFound(let key, let c):
                return (c.codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
            @unknown default: return "?"
            }
            return context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        } catch {
            return "not a decoding error: \(error)"
        }
    }

    @Test func whatAPhoneSendsDecodesAsItWasSent() throws {
        let update = try decode(push(mutation: mutation(operation: #"{"kind": "update", "fields": {"reason": "resignation"}}"#)))
        #expect(update.mutations.first?.operation == .update(fields: ["reason": "resignation"]))
        #expect(update.mutations.first?.record == RecordKey(type: "claim", id: "8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10"))
        let draft = try decode(
            push(
                mutation: mutation(
                    operation:
                        #"{"kind": "intent", "intent": {"name": "createClaimDraft", "arguments": {"reason": "resignation", "createdAt": "2026-12-03T10:00:00.5+07:00"}}}"#
                )
            )
        )
        guard case .intent(let intent) = draft.mutations.first?.operation else {
            Issue.record("not an intent")
            return
        }
        #expect(intent.name == .createClaimDraft)
        #expect(intent.arguments["reason"] == "resignation")
        // What the phone encodes reads back equal.
        let again = try JSONCoding.decoder.decode(PushRequest.self, from: JSONCoding.encoder.encode(draft))
        #expect(again == draft)
    }

    @Test func aPropertyNoSchemaListsIsRefusedWhereItIs() {
        let update = #"{"kind": "update", "fields": {}}"#
        let cases: [(String, String)] = [
            (#"{"deviceID": "d", "mutations": [], "force": true}"#, "force"),
            (push(mutation: mutation(operation: update, extra: #", "priority": 1"#)), "mutations.0.priority"),
            (
                push(mutation: mutation(record: #"{"type": "claim", "id": "x", "bucket": "b"}"#, operation: update)),
                "mutations.0.record.bucket"
            ),
            (push(mutation: mutation(operation: #"{"kind": "update", "fields": {}, "field": "reason"}"#)), "mutations.0.operation.field"),
            (push(mutation: mutation(operation: #"{"kind": "delete", "fields": {}}"#)), "mutations.0.operation.fields"),
            (
                push(
                    mutation: mutation(operation: #"{"kind": "intent", "intent": {"name": "submitClaim", "arguments": {}, "force": true}}"#)
                ),
                "mutations.0.operation.intent.force"
            ),
            (
                push(
                    mutation: mutation(
                        operation: #"{"kind": "intent", "intent": {"name": "submitClaim", "arguments": {"skipChecks": true}}}"#
                    )
                ),
                "mutations.0.operation.intent.arguments.skipChecks"
            ),
        ]
        for (body, path) in cases {
            #expect(failure(body) == path, "\(body)")
        }
        let clock = push(mutation: mutation(operation: update)).replacingOccurrences(
            of: #""node": "siti-phone-1"}"#,
            with: #""node": "n", "tz": 7}"#
        )
        #expect(failure(clock) == "mutations.0.clock.tz")
    }

    @Test func aRecordTypeThatDoesNotSyncIsRefused() {
        let body = push(mutation: mutation(record: #"{"type": "officer", "id": "x"}"#, operation: #"{"kind": "delete"}"#))
        #expect(failure(body) == "mutations.0.record.type")
    }

    @Test func anArgumentOfTheWrongShapeIsRefusedAndABrokenRuleIsLeftToTheServer() throws {
        func intent(_ name: String, _ arguments: String) -> String {
            push(mutation: mutation(operation: #"{"kind": "intent", "intent": {"name": "\#(name)", "arguments": \#(arguments)}}"#))
        }
        #expect(failure(intent("createClaimDraft", #"{"reason": 5}"#)) == "mutations.0.operation.intent.arguments.reason")
        #expect(failure(intent("createClaimDraft", #"{"reason": "lottery"}"#)) == "mutations.0.operation.intent.arguments.reason")
        #expect(failure(intent("createClaimDraft", "{}")) == "mutations.0.operation.intent.arguments.reason")
        #expect(failure(intent("submitClaim", #"{"claimID": "not-an-id"}"#)) == "mutations.0.operation.intent.arguments.claimID")
        #expect(
            failure(intent("submitSurvey", #"{"survey": {"claimID": "\#(claimID)", "clarity": "good", "speed": 4, "overall": 5}}"#)) != nil
        )
        #expect(failure(intent("launchRocket", "{}")) == "mutations.0.operation.intent.name")
        // An account number too short for its bank is the participant's to correct: it decodes,
        // and reading the call names the argument.
        let shortNumber = try decode(
            intent("provideNewBankAccount", #"{"bankAccount": {"bankCode": "014", "number": "1", "holderName": "SITI RAHAYU"}}"#)
        )
        guard case .intent(let call) = shortNumber.mutations.first?.operation else {
            Issue.record("not an intent")
            return
        }
        #expect(throws: Rejection.self) { try IntentCall(call) }
    }
}
