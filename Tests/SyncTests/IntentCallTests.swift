import Foundation
import Models
import Sync
import Testing

/// An intent's arguments are read once, into the type the intent takes: what is missing,
/// unknown or not valid is refused with the argument's name.
@Suite("Typed intents")
struct IntentCallTests {
    let claimID = Claim.ID(UUID())

    @Test func everyIntentTravelsAndIsReadBackAsItWas() throws {
        let account = try BankAccount(bank: .bri, number: "002101234567890", holderName: "MARIA SIMANJUNTAK")
        let calls: [IntentCall] = [
            .createClaimDraft(CreateClaimDraft(claimID: claimID, reason: .resignation, channel: .app)),
            .submitClaim(ClaimStep(claimID: claimID)), .resubmitClaim(ClaimStep()), .cancelClaim(ClaimStep(claimID: claimID)),
            .attachDocument(AttachDocument(uploadID: UUID(), kind: .idCard, sha256: String(repeating: "ab", count: 32), byteCount: 10)),
            .provideNewBankAccount(ProvideNewBankAccount(bankAccount: account)),
            .submitSurvey(SubmitSurvey(survey: .init(claimID: claimID, clarity: 5, speed: 4, overall: 5, comment: "Cepat"))),
        ]
        for call in calls {
            let intent = call.intent
            let wire = try JSONDecoder().decode(Intent.self, from: try JSONEncoder().encode(intent))
            #expect(try IntentCall(wire) == call, "\(intent.name)")
        }
        #expect(IntentCall.submitClaim(ClaimStep(claimID: claimID)).claimID == claimID)
        #expect(Intent.Name.allCases.count == 8, "a new intent needs a case, arguments and a schema in the contract")
    }

    @Test func whatIsMissingUnknownOrInvalidIsNamed() {
        let cases: [(Intent, String, [String])] = [
            (Intent(name: .createClaimDraft, arguments: [:]), "intent.missingArgument", ["reason"]),
            (Intent(name: .createClaimDraft, arguments: ["reason": "resignation", "id": "x"]), "intent.unknownArgument", ["id"]),
            (Intent(name: .createClaimDraft, arguments: ["reason": "lottery"]), "intent.invalidArgument", ["reason"]),
            (
                Intent(
                    name: .provideNewBankAccount,
                    arguments: ["bankAccount": .object(["bankCode": "014", "number": "1", "holderName": "X"])]
                ),
                "intent.invalidArgument", ["bankAccount"]
            ),
            (Intent(name: .submitClaim, arguments: ["claimID": "not a uuid"]), "intent.invalidArgument", ["claimID"]),
            (Intent(name: .reportBiometricAttempt, arguments: [:]), "intent.missingArgument", ["attempt"]),
        ]
        for (intent, code, fields) in cases {
            #expect(throws: Rejection.self, "\(intent)") { try IntentCall(intent) }
            do {
                _ = try IntentCall(intent)
            } catch {
                #expect(error.code == code, "\(intent)")
                #expect(error.fields == fields, "\(intent)")
                #expect(!error.message.isEmpty)
            }
        }
        // A bank account's own reason reaches the participant.
        let wrong = Intent(
            name: .provideNewBankAccount,
            arguments: ["bankAccount": .object(["bankCode": "014", "number": "1", "holderName": "X"])]
        )
        #expect(throws: Rejection.self) { try IntentCall(wrong) }
        do { _ = try IntentCall(wrong) } catch { #expect(error.message.contains("10 digits")) }
    }
}
