import Foundation

extension SurveyResponse: SyncedModel {
    /// One survey per claim: the record is named by the claim's id, created only through the
    /// `submitSurvey` intent and never changed.
    public static let syncSchema = RecordSchema(
        type: "survey",
        fields: [
            "id": .appendOnly, "claimID": .appendOnly, "clarity": .appendOnly, "speed": .appendOnly, "overall": .appendOnly,
            "comment": .appendOnly, "submittedAt": .appendOnly,
        ]
    )

    /// The claim's id: a second survey for the same claim is the same record.
    public var recordID: String { claimID.rawValue.uuidString }
}
