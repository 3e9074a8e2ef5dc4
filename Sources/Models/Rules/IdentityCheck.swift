/// Right person: how a claim's identity is established before the back office verifies it.
///
/// - An app claim: face verification in the app (the data update with a selfie), or, after
///   failed face checks, an officer in person.
/// - A Lapak Asik claim: the video interview, in which the participant shows the originals and
///   the officer records identity as verified (DOMAIN.md, "Channels").
/// - A branch claim: the counter's check of the originals.
public enum IdentityCheck {
    /// The in-person check a claim filed through `channel` needs; `nil` for the app (face
    /// verification).
    public static func inPerson(for channel: ClaimChannel) -> FallbackTicket.Purpose? {
        switch channel {
        case .app: nil
        case .lapakAsik: .videoInterview
        case .branch: .counterCheck
        }
    }

    /// Whether identity is established for a claim filed through `channel`.
    ///
    /// - Parameters:
    ///   - channel: where the claim was filed.
    ///   - faceCheckPassed: the participant completed the data update with a passed face check.
    ///   - ticket: the claim's in-person check, if it has one.
    ///   - verifiedIn: the kind of the appointment in which the ticket was verified.
    public static func isEstablished(
        channel: ClaimChannel,
        faceCheckPassed: Bool,
        ticket: FallbackTicket?,
        verifiedIn: Appointment.Kind?
    ) -> Bool {
        let verifiedInPerson = ticket?.status == .verified
        switch channel {
        case .app: return faceCheckPassed || verifiedInPerson
        case .lapakAsik: return verifiedInPerson && verifiedIn == .videoCall
        case .branch: return verifiedInPerson && verifiedIn == .branchVisit
        }
    }

    /// What the participant and the back office are told while identity is not established.
    public static func missing(for channel: ClaimChannel) -> String {
        switch channel {
        case .app: "Identity is verified by the face check in the app (the data update with a selfie) first."
        case .lapakAsik: "A Lapak Asik claim is verified after its video interview, in which the participant shows the originals."
        case .branch: "A branch claim is verified after the counter has checked the participant's original documents."
        }
    }
}
