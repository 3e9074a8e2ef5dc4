import Foundation

/// One line of the office's append-only audit log: who did what to which claim, when and why.
///
/// Every workflow transition writes one, whether an officer, the participant or the service
/// itself caused it; so do identity checks that find a mismatch, which change no status.
/// Entries are never edited or removed, and serve audits (DOMAIN.md, "The service level").
public struct AuditEntry: Codable, Hashable, Sendable, Identifiable {
    /// The entry's id.
    public var id: ID
    /// The claim the step was taken on.
    public var claimID: Claim.ID
    /// The claim's participant.
    public var participantID: Participant.ID
    /// The branch the claim belongs to.
    public var branchID: Branch.ID
    /// Who acted.
    public var actor: AuditActor
    /// What happened: a ``ClaimEvent/name`` (for example `approve`) or a check such as
    /// `checkIdentity`.
    public var event: String
    /// The status before.
    public var from: ClaimStatus
    /// The status after; equal to ``from`` for a check that moved nothing.
    public var to: ClaimStatus
    /// Why, in the actor's words: a rejection or return reason, a correction request, a bank's
    /// refusal.
    public var reason: String?
    /// Stable cause codes for statistics, for example `document.bankBook`,
    /// `payment.inactiveAccount` or `identity.nameMismatch`.
    public var causes: [String]
    /// When the step was taken.
    public var at: Date

    /// An entry with every field given.
    public init(
        id: ID = ID(UUID()),
        claimID: Claim.ID,
        participantID: Participant.ID,
        branchID: Branch.ID,
        actor: AuditActor,
        event: String,
        from: ClaimStatus,
        to: ClaimStatus,
        reason: String? = nil,
        causes: [String] = [],
        at: Date
    ) {
        self.id = id
        self.claimID = claimID
        self.participantID = participantID
        self.branchID = branchID
        self.actor = actor
        self.event = event
        self.from = from
        self.to = to
        self.reason = reason
        self.causes = causes
        self.at = at
    }

    /// Whether the entry records a change of status.
    public var isTransition: Bool { from != to }
}

/// Who acted in an ``AuditEntry``.
public struct AuditActor: Codable, Hashable, Sendable {
    /// Who acted: an officer, the participant or the system.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// The participant, through their phone.
        case participant
        /// A branch officer.
        case officer
        /// The service itself (for example the SLA monitor).
        case system
    }

    /// An officer, the participant or the system.
    public var kind: Kind
    /// The participant's or officer's id; `nil` for the service.
    public var id: UUID?
    /// The officer's name as it stood at the time, for readers of the log; participants are
    /// named by id only.
    public var name: String?
    /// The officer's roles at the time.
    public var roles: [OfficerRole]?

    /// An actor.
    public init(kind: Kind, id: UUID? = nil, name: String? = nil, roles: [OfficerRole]? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.roles = roles
    }

    /// An officer, as they are now.
    public static func officer(_ officer: Officer) -> AuditActor {
        AuditActor(kind: .officer, id: officer.id.rawValue, name: officer.name, roles: officer.roles.sorted())
    }

    /// A participant.
    public static func participant(_ id: Participant.ID) -> AuditActor { AuditActor(kind: .participant, id: id.rawValue) }

    /// The service itself.
    public static let system = AuditActor(kind: .system, name: "JHT Sync")
}

extension AuditEntry {
    /// An audit entry's id: a UUID that cannot be mixed up with another type's.
    public typealias ID = Tagged<AuditEntry, UUID>
}
