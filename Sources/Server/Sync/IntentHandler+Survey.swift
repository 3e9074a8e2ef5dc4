import Foundation
import Models
import Sync

extension IntentHandler {
    /// The survey's answers as the phone sends them; the server validates them through
    /// ``SurveyResponse``'s initializer and stamps the time it received them.
    /// Records the satisfaction survey of a paid claim of the participant's, once per claim.
    /// The survey is the record named by the claim's id (see ``SurveyResponse/recordID``).
    func submitSurvey(_ arguments: SubmitSurvey, mutation: Mutation, records: [RecordKey: SyncRecord]) throws(Rejection) -> [RecordEffect] {
        let answers = arguments.survey
        let key = RecordKey(type: SurveyResponse.syncSchema.type, id: answers.claimID.rawValue.uuidString)
        guard mutation.record == key else {
            throw Rejection(code: "intent.invalidTarget", message: "Send the survey as the record named by its claim's id.")
        }
        let (claim, _) = try loadClaim(RecordKey(type: Claim.syncSchema.type, id: key.id), records: records)
        guard claim.status == .paid else {
            throw Rejection(code: "survey.claimNotPaid", message: "The survey opens once the claim is paid.", fields: ["claimID"])
        }
        if let existing = records[key], !existing.deleted {
            throw Rejection(code: "survey.alreadySubmitted", message: "You already answered the survey for this claim. Thank you!")
        }
        let survey: SurveyResponse
        do {
            survey = try SurveyResponse(
                id: answers.id ?? SurveyResponse.ID(mutation.id),
                claimID: answers.claimID,
                clarity: answers.clarity,
                speed: answers.speed,
                overall: answers.overall,
                comment: answers.comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty,
                submittedAt: now
            )
        } catch {
            throw Rejection(code: error.code, message: error.message, fields: [error.field])
        }
        do {
            guard case .object(let fields) = try JSONValue(encoding: survey) else { return [] }
            return [RecordEffect(key: key, operation: .create(fields: fields))]
        } catch {
            throw Rejection(code: "survey.invalid", message: "The survey could not be read.")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
