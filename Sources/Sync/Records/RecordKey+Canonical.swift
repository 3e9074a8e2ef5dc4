import Foundation
import Models

extension RecordKey {
    /// The key in its one stored form: for a type whose ids are UUIDs, the id upper-cased (a
    /// UUID is accepted in either letter case); `nil` when the type syncs no records or the id
    /// is not a UUID where one is expected.
    public var canonical: RecordKey? {
        guard let schema = RecordSchemas.schema(for: type) else { return nil }
        guard schema.idsAreUUIDs else { return self }
        guard let uuid = UUID(uuidString: id) else { return nil }
        return RecordKey(type: type, id: uuid.uuidString)
    }
}

extension Mutation {
    /// The mutation with its record key (and a removed element's UUID id) in their stored form;
    /// `nil` when the record's id is malformed or its type unknown.
    public var canonical: Mutation? {
        guard let key = record.canonical else { return nil }
        var mutation = self
        mutation.record = key
        if case .removeElement(let field, let elementID) = operation, let uuid = UUID(uuidString: elementID) {
            mutation.operation = .removeElement(field: field, elementID: uuid.uuidString)
        }
        return mutation
    }
}
