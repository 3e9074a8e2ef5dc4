import Foundation

extension ParticipantNotification: SyncedModel {
    /// Notifications are written by the server into the participant's bucket; the phone only
    /// marks them read.
    public static let syncSchema = RecordSchema(
        type: "notification",
        fields: [
            "id": .serverOwned, "participantID": .serverOwned, "claimID": .serverOwned, "kind": .serverOwned, "title": .serverOwned,
            "body": .serverOwned, "estimatedPaymentDate": .serverOwned, "createdAt": .serverOwned, "readAt": .lastWriterWins,
        ],
        formats: ["readAt": .timestamp]
    )

    /// The id of the notice's sync record.
    public var recordID: String { id.rawValue.uuidString }
}
