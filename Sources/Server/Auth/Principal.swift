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

    public init(kind: Kind, id: UUID, deviceID: DeviceID, roles: Set<OfficerRole> = []) {
        self.kind = kind
        self.id = id
        self.deviceID = deviceID
        self.roles = roles
    }

    /// The principal of the request being handled, set by ``AuthenticationMiddleware``.
    @TaskLocal static var current: Principal?

    /// Whether the request carried an access token that was expired or malformed. Public
    /// routes answer as if no token came; the others say the token is not valid.
    @TaskLocal static var tokenRefused = false

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
