import Foundation

/// The contact details a participant edits on the phone, synced as one record per
/// participant (id = participant id). Identity (NIK, name, birth date) is not here: the
/// civil registry owns it.
public struct ParticipantProfile: Codable, Hashable, Sendable {
    /// The participant the profile belongs to.
    public var participantID: Participant.ID
    /// The mobile number (last writer wins between phones).
    public var phone: PhoneNumber?
    /// The email address (last writer wins between phones).
    public var email: EmailAddress?
    /// The language the participant reads: Indonesian, Sundanese or English.
    public var language: Language

    /// A profile, in Indonesian unless `language` says otherwise.
    public init(participantID: Participant.ID, phone: PhoneNumber?, email: EmailAddress?, language: Language = .id) {
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
        fields: ["participantID": .serverOwned, "phone": .lastWriterWins, "email": .lastWriterWins, "language": .lastWriterWins],
        formats: ["phone": .phone, "email": .email, "language": .language]
    )

    /// The id of the profile's sync record.
    public var recordID: String { participantID.rawValue.uuidString }
}
