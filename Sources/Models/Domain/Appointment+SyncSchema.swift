import Foundation

extension Appointment: SyncedModel {
    /// Appointments are booked through the booking routes, which check the branch's quota
    /// across every participant; the record in the participant's bucket shows the result
    /// (queue number, slot, status) and only the server writes it.
    public static let syncSchema = RecordSchema(
        type: "appointment",
        fields: [
            "id": .serverOwned, "ticketID": .serverOwned, "participantID": .serverOwned, "kind": .serverOwned,
            "branchID": .serverOwned, "date": .serverOwned, "startsAt": .serverOwned, "endsAt": .serverOwned,
            "queueNumber": .serverOwned, "status": .serverOwned, "bookedAt": .serverOwned,
        ]
    )

    /// The id of the appointment's sync record.
    public var recordID: String { id.rawValue.uuidString }
}
