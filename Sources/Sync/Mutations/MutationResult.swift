import Foundation

/// Why a mutation was refused: shown to the participant, never retried as it is.
public struct Rejection: Hashable, Sendable, Codable, Error {
    /// A stable code, for example `field.serverOwned` or `claim.documentsMissing`.
    public var code: String
    /// What happened and what to do, in plain language.
    public var message: String
    /// The fields concerned, if any.
    public var fields: [String]?

    /// A refusal with a stable code, a message and the fields concerned.
    public init(code: String, message: String, fields: [String]? = nil) {
        self.code = code
        self.message = message
        self.fields = fields
    }
}

/// What the server did with one mutation.
public enum MutationOutcome: Hashable, Sendable {
    /// Applied as sent.
    case applied
    /// Applied, but these fields already held a newer write, which stands (last-writer-wins).
    case merged(superseded: [String])
    /// Refused with a reason; nothing changed.
    case rejected(Rejection)

    /// Whether the mutation took effect.
    public var isAccepted: Bool {
        if case .rejected = self { return false }
        return true
    }
}

/// The server's answer for one mutation; stored, so a replay returns exactly this.
public struct MutationResult: Hashable, Sendable, Codable {
    /// The mutation answered.
    public var mutationID: UUID
    /// Its counter.
    public var counter: Int64
    /// Applied, merged or rejected.
    public var outcome: MutationOutcome
    /// The server's current record after the mutation (with a rejection, so the phone can show
    /// what stands).
    public var record: SyncRecord?

    /// A result, with the server's record when it matters.
    public init(mutationID: UUID, counter: Int64, outcome: MutationOutcome, record: SyncRecord? = nil) {
        self.mutationID = mutationID
        self.counter = counter
        self.outcome = outcome
        self.record = record
    }

    // On the wire the outcome is flat: `status`, `superseded`, `rejection`.
    private enum CodingKeys: String, CodingKey { case mutationID, counter, status, superseded, rejection, record }
    private enum Status: String, Codable { case applied, merged, rejected }

    /// Decodes a result and its outcome.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mutationID = try c.decode(UUID.self, forKey: .mutationID)
        counter = try c.decode(Int64.self, forKey: .counter)
        record = try c.decodeIfPresent(SyncRecord.self, forKey: .record)
        switch try c.decode(Status.self, forKey: .status) {
        case .applied: outcome = .applied
        case .merged: outcome = .merged(superseded: try c.decodeIfPresent([String].self, forKey: .superseded) ?? [])
        case .rejected: outcome = .rejected(try c.decode(Rejection.self, forKey: .rejection))
        }
    }

    /// Encodes a result and its outcome.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mutationID, forKey: .mutationID)
        try c.encode(counter, forKey: .counter)
        try c.encodeIfPresent(record, forKey: .record)
        switch outcome {
        case .applied:
            try c.encode(Status.applied, forKey: .status)
        case .merged(let superseded):
            try c.encode(Status.merged, forKey: .status)
            try c.encode(superseded, forKey: .superseded)
        case .rejected(let rejection):
            try c.encode(Status.rejected, forKey: .status)
            try c.encode(rejection, forKey: .rejection)
        }
    }
}
