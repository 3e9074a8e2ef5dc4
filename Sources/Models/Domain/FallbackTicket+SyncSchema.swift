import Foundation

extension FallbackTicket: SyncedModel {
    /// Tickets are the server's: opened by the biometric-attempt intent, moved by bookings and
    /// by officers. The phone reads them; it never writes, creates or deletes one.
    public static let syncSchema = RecordSchema(
        type: "fallbackTicket",
        fields: [
            "id": .serverOwned, "participantID": .serverOwned, "claimID": .serverOwned, "status": .serverOwned,
            "openedAt": .serverOwned, "appointmentID": .serverOwned, "resolution": .serverOwned,
            "failureReasons": .serverOwned, "checkedInAt": .serverOwned, "checkedInBy": .serverOwned,
            "decidedAt": .serverOwned, "decidedBy": .serverOwned, "purpose": .serverOwned,
        ]
    )

    /// The id of the ticket's sync record.
    public var recordID: String { id.rawValue.uuidString }

    /// The one ticket a claim can have. Derived from the claim id, so however many failed
    /// attempts arrive, in whatever order and however often replayed, they name the same
    /// ticket and can never open a second one.
    ///
    /// The claim id's bytes with a fixed mask: a bijection, so two claims never share a ticket,
    /// and the mask keeps the UUID's version and variant bits as they were.
    public static func id(forClaim claimID: Claim.ID) -> ID {
        let mask: [UInt8] = [0x5A, 0x1C, 0xE7, 0x33, 0x9B, 0x40, 0x0F, 0xD2, 0x0E, 0x71, 0xA8, 0x6C, 0x15, 0xF9, 0x24, 0xB3]
        var bytes = withUnsafeBytes(of: claimID.rawValue.uuid) { Array($0) }
        for index in bytes.indices { bytes[index] ^= mask[index] }
        let uuid = bytes.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        return ID(UUID(uuid: uuid))
    }
}
