import Foundation
import Models
import Sync
import Testing
import Yams

/// `openapi/openapi.yaml` says what the code does: every synced record type with its fields,
/// merge policies, lock states and formats as `RecordSchemas.all` declares them; every intent
/// with exactly the arguments its Swift type takes (the required ones required); every problem
/// and rejection code of `RefusalCode`'s catalog. A change on one side without the other fails here.
@Suite("The contract and the code agree")
struct ContractTests {
    /// `components.schemas` of the contract.
    let schemas: [String: Any]

    init() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi/openapi.yaml")
        let document = try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any]
        schemas = try #require((document?["components"] as? [String: Any])?["schemas"] as? [String: Any])
    }

    func schema(_ name: String) throws -> [String: Any] {
        try #require(schemas[name] as? [String: Any], "the contract has no schema \(name)")
    }

    func strings(_ value: Any?) -> Set<String> {
        if let single = value as? String { return [single] }
        return Set((value as? [Any] ?? []).map { "\($0)" })
    }

    /// The schema a `$ref` names.
    func referenced(_ reference: Any?) throws -> (name: String, schema: [String: Any]) {
        let ref = try #require((reference as? [String: Any])?["$ref"] as? String)
        let name = String(try #require(ref.split(separator: "/").last))
        return (name, try schema(name))
    }

    @Test func everySyncedRecordTypeIsASchemaWithItsFieldsPoliciesAndFormats() throws {
        var byType: [String: [String: Any]] = [:]
        for case let (_, schema as [String: Any]) in schemas {
            if let type = schema["x-record-type"] as? String { byType[type] = schema }
        }
        #expect(Set(byType.keys) == Set(RecordSchemas.all.keys), "x-record-type schemas vs RecordSchemas.all")
        #expect(strings(try schema("RecordType")["enum"]) == Set(RecordSchemas.all.keys), "RecordType lists every record type")

        for (type, record) in RecordSchemas.all {
            let schema = try #require(byType[type], "no schema for \(type)")
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(record.fields.keys), "\(type): fields")
            #expect((schema["x-record-ids"] as? String) == (record.idsAreUUIDs ? "uuid" : "code"), "\(type): x-record-ids")
            #expect(strings(schema["x-added-through-intent"]) == record.addedThroughIntent, "\(type): x-added-through-intent")
            for (field, policy) in record.fields {
                let property = try #require(properties[field] as? [String: Any], "\(type).\(field)")
                #expect(property["x-merge-policy"] as? String == "\(policy.underlying)", "\(type).\(field): x-merge-policy")
                var editableIn: Set<String> = []
                if case .lockedAfterState(_, let states, _) = policy { editableIn = states }
                #expect(strings(property["x-editable-in"]) == editableIn, "\(type).\(field): x-editable-in")
                #expect(property["x-field-format"] as? String == record.formats[field].map { "\($0)" }, "\(type).\(field): x-field-format")
            }
        }
    }

    /// A value of each intent's arguments with every argument set.
    static let fullArguments: [Intent.Name: IntentCall] = {
        let claim = Claim.ID(UUID())
        let account = try! BankAccount(bank: .bca, number: "1234567890", holderName: "SITI RAHAYU")
        let attempt = BiometricAttempt(
            id: .init(UUID()),
            participantID: .init(UUID()),
            claimID: claim,
            result: .failed,
            failureReason: .lowLight,
            livenessScore: 0.4,
            deviceID: DeviceID("siti-phone-1"),
            attemptedAt: Date(timeIntervalSince1970: 1_800_000_000),
            receivedAt: Date(timeIntervalSince1970: 1_800_000_001)
        )
        let answers = SubmitSurvey.Answers(id: .init(UUID()), claimID: claim, clarity: 5, speed: 4, overall: 5, comment: "Cepat")
        let draft = CreateClaimDraft(
            claimID: claim,
            reason: .resignation,
            channel: .app,
            participantID: .init(UUID()),
            branchID: .init("BDG-SUCI"),
            createdAt: Date(timeIntervalSince1970: 1_800_000_000)
        )
        let attach = AttachDocument(
            uploadID: UUID(),
            documentID: UUID(),
            kind: .idCard,
            sha256: String(repeating: "ab", count: 32),
            byteCount: 10,
            contentType: "image/jpeg",
            claimID: claim
        )
        return [
            .createClaimDraft: .createClaimDraft(draft), .submitClaim: .submitClaim(ClaimStep(claimID: claim)),
            .resubmitClaim: .resubmitClaim(ClaimStep(claimID: claim)), .cancelClaim: .cancelClaim(ClaimStep(claimID: claim)),
            .attachDocument: .attachDocument(attach),
            .provideNewBankAccount: .provideNewBankAccount(ProvideNewBankAccount(bankAccount: account, claimID: claim)),
            .reportBiometricAttempt: .reportBiometricAttempt(ReportBiometricAttempt(attempt: attempt)),
            .submitSurvey: .submitSurvey(SubmitSurvey(survey: answers)),
        ]
    }()

    /// The arguments the Swift type cannot do without: leaving one out is `intent.missingArgument`.
    static func requiredArguments(of call: IntentCall) -> Set<String> {
        let full = call.intent
        var required: Set<String> = []
        for name in full.arguments.keys {
            var arguments = full.arguments
            arguments[name] = nil
            do {
                _ = try IntentCall(Intent(name: full.name, arguments: arguments))
            } catch {
                if error.code == "intent.missingArgument" && error.fields == [name] { required.insert(name) }
            }
        }
        return required
    }

    @Test func everyIntentIsItsOwnSchemaWithExactlyItsArguments() throws {
        let intent = try schema("Intent")
        let discriminator = try #require(intent["discriminator"] as? [String: Any])
        #expect(discriminator["propertyName"] as? String == "name")
        let mapping = try #require(discriminator["mapping"] as? [String: String])
        #expect(Set(mapping.keys) == Set(Intent.Name.allCases.map(\.rawValue)), "one schema per intent, chosen by name")
        #expect((intent["oneOf"] as? [Any])?.count == Intent.Name.allCases.count)

        for name in Intent.Name.allCases {
            let call = try #require(Self.fullArguments[name])
            #expect(call.intent.name == name)
            let intentSchema = try schema(String(try #require(mapping[name.rawValue]?.split(separator: "/").last)))
            let properties = try #require(intentSchema["properties"] as? [String: Any])
            #expect(strings((properties["name"] as? [String: Any])?["enum"]) == [name.rawValue], "\(name): its name")
            #expect(intentSchema["additionalProperties"] as? Bool == false)
            let arguments = try referenced(properties["arguments"])
            #expect(strings(arguments.schema["x-intent-arguments"]).contains(name.rawValue), "\(arguments.name) names \(name)")
            #expect(arguments.schema["additionalProperties"] as? Bool == false, "\(name): unknown arguments are refused")
            let declared = Set((arguments.schema["properties"] as? [String: Any] ?? [:]).keys)
            #expect(declared == Set(call.intent.arguments.keys), "\(name): every argument is set in the sample")
            #expect(declared == Self.argumentNames(of: call), "\(name): the contract's arguments vs argumentNames")
            #expect(strings(arguments.schema["required"]) == Self.requiredArguments(of: call), "\(name): required arguments")
        }
    }

    static func argumentNames(of call: IntentCall) -> Set<String> {
        switch call {
        case .createClaimDraft: CreateClaimDraft.argumentNames
        case .submitClaim, .resubmitClaim, .cancelClaim: ClaimStep.argumentNames
        case .attachDocument: AttachDocument.argumentNames
        case .provideNewBankAccount: ProvideNewBankAccount.argumentNames
        case .reportBiometricAttempt: ReportBiometricAttempt.argumentNames
        case .submitSurvey: SubmitSurvey.argumentNames
        }
    }

    @Test func everyProblemAndRejectionCodeIsAnEnumOfTheContract() throws {
        let problems = strings(try schema("ProblemCode")["enum"])
        let rejections = strings(try schema("RejectionCode")["enum"])
        #expect(problems == Set(RefusalCode.problems.map(\.rawValue)), "ProblemCode vs RefusalCode.problems")
        #expect(rejections == Set(RefusalCode.rejections.map(\.rawValue)), "RejectionCode vs RefusalCode.rejections")
        let problem = try #require(try schema("Problem")["properties"] as? [String: Any])
        #expect(try referenced(problem["code"]).name == "ProblemCode")
        let rejection = try #require(try schema("Rejection")["properties"] as? [String: Any])
        #expect(try referenced(rejection["code"]).name == "RejectionCode")
    }
}
