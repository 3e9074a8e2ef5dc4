/// One record of a bucket as the merge sees it: its fields' states and whether it was deleted.
public struct SyncRecord: Hashable, Sendable, Codable {
    /// The record's type and id.
    public var key: RecordKey
    /// Each field with the state its merge policy keeps.
    public var fields: [String: FieldState]
    /// Deletion wins: once deleted, a record stays deleted (its tombstone syncs).
    public var deleted: Bool

    /// A record.
    public init(key: RecordKey, fields: [String: FieldState] = [:], deleted: Bool = false) {
        self.key = key
        self.fields = fields
        self.deleted = deleted
    }

    /// The join of two states of the same record.
    public func merged(with other: SyncRecord) -> SyncRecord {
        precondition(key == other.key, "merging different records")
        return SyncRecord(
            key: key,
            fields: fields.merging(other.fields) { $0.merged(with: $1) },
            deleted: deleted || other.deleted
        )
    }

    /// The record as a JSON object of field values (`nil` fields omitted), ready to decode
    /// into its model.
    public var object: JSONValue {
        .object(fields.compactMapValues { state in state.value == .null ? nil : state.value })
    }

    /// Decodes the record into its model type.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T { try object.decode(as: T.self) }

    /// The value of one field, if set.
    public subscript(field: String) -> JSONValue? { fields[field]?.value }
}
