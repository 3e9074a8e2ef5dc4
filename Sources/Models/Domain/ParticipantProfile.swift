import Foundation

/// The contact details a participant edits on the phone, synced as one record per
/// participant (id = participant id). Identity (NIK, name, birth date) is not here: the
/// civil registry owns it.
public struct ParticipantProfile: Codable, Hashable, Sendable {
    public var participantID: Participant.ID
    public var phone: PhoneNumber?
    public var email: EmailAddress?
    /// The language the participant reads: `id` (Indonesian), `su` (Sundanese), `en`.
    public var language: String

    public init(participantID: Participant.ID, phone: PhoneNumber?, email: EmailAddress?, language: String = "id") {
        self.participantID = participantID
        self.phone = phone
        self.email = email
        self.language = language
    }
}

extension ParticipantProfile: SyncedModel {
    /// Contact details are last-writer-wins: two phones editing offline keep the later edit.
    public static let syncSchema = RecordSchema(
        type: "profile",
        fields: ["participantID": .serverOwned, "phone": .lastWriterWins, "email": .lastWriterWins, "language": .lastWriterWins]
    )

    public var recordID: String { participantID.rawValue.uuidString }
}
