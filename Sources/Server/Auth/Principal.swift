import Foundation
import HTTPTypes
import Models

/// Who a request acts for, taken from its access token.
public struct Principal: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case participant
        case officer
    }

    public var kind: Kind
    public var id: UUID
    public var deviceID: DeviceID
    public var roles: Set<OfficerRole>
    /// The sign-in (refresh-token family) the access token belongs to; `nil` for a principal
    /// that did not come from a token (the service acting in process).
    public var family: UUID?

    public init(kind: Kind, id: UUID, deviceID: DeviceID, roles: Set<OfficerRole> = [], family: UUID? = nil) {
        self.kind = kind
        self.id = id
        self.deviceID = deviceID
        self.roles = roles
        self.family = family
    }

    /// The principal of the request being handled, set by ``AuthenticationMiddleware``.
    @TaskLocal static var current: Principal?

    /// Why the request's access token was refused (expired or malformed, or its sign-in ended),
    /// if one came and was. Public routes answer as if no token came; the others say this.
    @TaskLocal static var tokenRefusal: Problem?

    /// The signed-in participant, or a 401/403 problem.
    static func requireParticipant() throws(Problem) -> Participant.ID {
        guard let principal = current else { throw .unauthenticated }
        guard principal.kind == .participant else {
            throw Problem(status: .forbidden, code: "auth.participantOnly", title: "Participants only", detail: "Sign in as a participant.")
        }
        return Participant.ID(principal.id)
    }

    /// The signed-in officer, or a 401/403 problem.
    static func requireOfficer() throws(Problem) -> Officer.ID {
        guard let principal = current else { throw .unauthenticated }
        guard principal.kind == .officer else {
            throw Problem(status: .forbidden, code: "auth.officerOnly", title: "Officers only", detail: "Sign in as an officer.")
        }
        return Officer.ID(principal.id)
    }
}
