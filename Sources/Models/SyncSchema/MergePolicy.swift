/// How concurrent writes to one field of a synced record are resolved. Declared per field,
/// next to each model (see `Claim+SyncSchema.swift`), and enforced by the one merge
/// function in the Sync module that both the phone and the server run.
public indirect enum MergePolicy: Hashable, Sendable {
    /// Only the server writes it (claim status, verification outcomes, balance); a phone's
    /// write is rejected with a reason, never silently dropped.
    case serverOwned
    /// The write with the greatest hybrid-logical-clock timestamp wins (contact details,
    /// draft fields). Clocks too far ahead of the server are refused (bounded skew).
    case lastWriterWins
    /// A set of elements keyed by id; a concurrent add and remove of the same element keeps
    /// it (attached documents).
    case addWinsSet
    /// Entries are only ever added, never changed or removed (biometric attempts, audit).
    case appendOnly
    /// `policy` applies while the record's `stateField` holds one of `editableIn`; otherwise
    /// writes are rejected (a submitted claim's fields, reopened by a correction request).
    case lockedAfterState(stateField: String, editableIn: Set<String>, policy: MergePolicy)

    /// The policy that decides how values merge, under any lock.
    public var underlying: MergePolicy {
        if case .lockedAfterState(_, _, let policy) = self { return policy.underlying }
        return self
    }
}

/// The fields of one synced record type and their merge policies.
public struct RecordSchema: Hashable, Sendable {
    /// The record type's name on the wire, for example `claim`.
    public var type: String
    /// Every field the record has, with its policy. Fields not listed are refused.
    public var fields: [String: MergePolicy]
    /// Whether a phone may create records of this type with a plain create (otherwise only
    /// through a named intent, or only the server).
    public var clientMayCreate: Bool
    /// Whether a phone may delete records of this type.
    public var clientMayDelete: Bool
    /// Set fields whose elements a phone adds only through a named intent the server checks
    /// (documents are attached once their upload is verified); removing stays a plain write.
    public var addedThroughIntent: Set<String>
    /// What the values a phone writes must be, by field (every field a phone may write has one).
    public var formats: [String: FieldFormat]
    /// Whether record ids are UUIDs (accepted in either letter case, stored and echoed in upper
    /// case); otherwise a code such as a branch's `BDG-SUCI`.
    public var idsAreUUIDs: Bool

    /// A record type's schema: its fields and their merge policies.
    public init(
        type: String,
        fields: [String: MergePolicy],
        clientMayCreate: Bool = false,
        clientMayDelete: Bool = false,
        addedThroughIntent: Set<String> = [],
        formats: [String: FieldFormat] = [:],
        idsAreUUIDs: Bool = true
    ) {
        self.type = type
        self.fields = fields
        self.clientMayCreate = clientMayCreate
        self.clientMayDelete = clientMayDelete
        self.addedThroughIntent = addedThroughIntent
        self.formats = formats
        self.idsAreUUIDs = idsAreUUIDs
    }
}

/// A model that syncs as a record in a participant's bucket.
public protocol SyncedModel: Codable, Sendable {
    /// The schema: type name and per-field merge policies.
    static var syncSchema: RecordSchema { get }
    /// The record id, as a string.
    var recordID: String { get }
}
