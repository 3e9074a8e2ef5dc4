import Foundation

extension BiometricAttempt: SyncedModel {
    /// Attempts are append-only: written once by the phone (through the report intent),
    /// never changed.
    public static let syncSchema = RecordSchema(
        type: "biometricAttempt",
        fields: [
            "id": .appendOnly, "participantID": .appendOnly, "claimID": .appendOnly, "result": .appendOnly,
            "failureReason": .appendOnly, "livenessScore": .appendOnly, "deviceID": .appendOnly, "attemptedAt": .appendOnly,
            "receivedAt": .appendOnly,
        ]
    )

    /// The id of the attempt's sync record.
    public var recordID: String { id.rawValue.uuidString }
}
