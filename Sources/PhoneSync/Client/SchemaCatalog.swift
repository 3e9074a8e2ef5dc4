import Models
import Sync

/// The record schemas a replica knows, by record type.
///
/// A record whose type is not in the catalog (reference data, for instance) is kept as the
/// server sent it and cannot be written locally.
public struct SchemaCatalog: Hashable, Sendable {
    /// The schemas by their record type (`RecordSchema.type`).
    public var schemas: [String: RecordSchema]

    /// A catalog of these schemas; a later schema replaces an earlier one of the same type.
    public init(_ schemas: [RecordSchema]) {
        self.schemas = Dictionary(schemas.map { ($0.type, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The schema of a record type, if known.
    public subscript(type: String) -> RecordSchema? { schemas[type] }

    /// Every record type that syncs (`RecordSchemas.all`), the catalog phone and server share.
    public static let standard = SchemaCatalog(RecordSchemas.all.values.sorted { $0.type < $1.type })
}
