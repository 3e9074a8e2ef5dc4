import Models

/// The one merge function. The server runs it on every mutation it accepts; the phone runs it
/// to apply its own writes locally first and to rebase pending writes on the server's state.
///
/// It checks a write against the record's schema (who may write which field, and when), and
/// joins the write into the record by the field's merge policy.
public enum Merge {
    /// Who writes: a phone is bound by the schema; the server (the office workflow, intent
    /// handlers) is not.
    public enum Writer: Hashable, Sendable {
        case client
        case server
    }

    /// The result of applying one operation.
    public struct Applied: Hashable, Sendable {
        /// The record after the operation.
        public var record: SyncRecord
        /// What happened to the operation (applied, or merged under newer writes).
        public var outcome: MutationOutcome
    }

    /// Applies a (non-intent) operation to a record.
    ///
    /// - Parameters:
    ///   - operation: the change to apply.
    ///   - current: the record as this replica has it; `nil` if it does not exist.
    ///   - key: the record's type and id.
    ///   - schema: the record type's fields and their merge policies.
    ///   - clock: the write's timestamp (the mutation's clock for a phone's write).
    ///   - tag: a unique tag for set adds (the mutation id).
    ///   - writer: who writes (a phone or the server), which decides what it may change.
    /// - Returns: the new record and the outcome, or a rejection (and nothing changes).
    public static func apply(
        _ operation: Operation,
        to current: SyncRecord?,
        key: RecordKey,
        schema: RecordSchema,
        clock: HLCTimestamp,
        tag: String,
        writer: Writer
    ) -> Result<Applied, Rejection> {
        if let current, current.deleted, operation != .delete {
            return .failure(Rejection(code: "record.deleted", message: "This \(schema.type) was deleted."))
        }
        switch operation {
        case .create(let fields):
            if current != nil {
                return .failure(Rejection(code: "record.exists", message: "This \(schema.type) already exists."))
            }
            if writer == .client, !schema.clientMayCreate {
                return .failure(Rejection(code: "record.createNotAllowed", message: "A \(schema.type) is created through its own action."))
            }
            return write(fields, to: SyncRecord(key: key), schema: schema, clock: clock, tag: tag, writer: writer, creating: true)
        case .update(let fields):
            guard let current else { return .failure(notFound(schema)) }
            return write(fields, to: current, schema: schema, clock: clock, tag: tag, writer: writer, creating: false)
        case .addElement(let field, let elementID, let value):
            guard let current else { return .failure(notFound(schema)) }
            if writer == .client, schema.addedThroughIntent.contains(field) {
                return .failure(
                    Rejection(code: "field.intentOnly", message: "'\(field)' grows only through its own checked action.", fields: [field])
                )
            }
            if let rejection = check(field, in: current, schema: schema, writer: writer, expecting: .addWinsSet, creating: false) {
                return .failure(rejection)
            }
            var record = current
            let added = FieldState.set([elementID: .init(value: value, clock: clock, adds: [tag])])
            record.fields[field] = record.fields[field].map { $0.merged(with: added) } ?? added
            return .success(Applied(record: record, outcome: .applied))
        case .removeElement(let field, let elementID):
            guard let current else { return .failure(notFound(schema)) }
            if let rejection = check(field, in: current, schema: schema, writer: writer, expecting: .addWinsSet, creating: false) {
                return .failure(rejection)
            }
            guard case .set(var elements) = current.fields[field], var element = elements[elementID] else {
                // Nothing to remove: say so rather than answer "applied" for a change that did nothing.
                return .failure(
                    Rejection(code: "element.notFound", message: "'\(field)' has no element \(elementID).", fields: [field])
                )
            }
            var record = current
            element.removes.formUnion(element.adds)
            elements[elementID] = element
            record.fields[field] = .set(elements)
            return .success(Applied(record: record, outcome: .applied))
        case .delete:
            guard var record = current else { return .failure(notFound(schema)) }
            if writer == .client, !schema.clientMayDelete {
                return .failure(Rejection(code: "record.deleteNotAllowed", message: "A \(schema.type) cannot be deleted from the phone."))
            }
            record.deleted = true
            record.fields = [:]
            return .success(Applied(record: record, outcome: .applied))
        case .intent(let intent):
            return .failure(
                Rejection(code: "intent.notMerged", message: "The action \(intent.name.rawValue) is carried out by the server.")
            )
        }
    }

    static func write(
        _ fields: [String: JSONValue],
        to current: SyncRecord,
        schema: RecordSchema,
        clock: HLCTimestamp,
        tag: String,
        writer: Writer,
        creating: Bool
    ) -> Result<Applied, Rejection> {
        if fields.isEmpty, writer == .client {
            return .failure(Rejection(code: "mutation.empty", message: "This change sets no field."))
        }
        var rejections: [Rejection] = []
        for field in fields.keys.sorted() {
            let isSet = schema.fields[field]?.underlying == .addWinsSet
            if isSet, writer == .client, !creating {
                // A phone changes a set element by element, never by writing the whole set.
                rejections.append(
                    Rejection(code: "field.wrongOperation", message: "Add or remove elements of '\(field)' one by one.", fields: [field])
                )
                continue
            }
            let expected: MergePolicy? = isSet ? .addWinsSet : nil
            if let rejection = check(field, in: current, schema: schema, writer: writer, expecting: expected, creating: creating) {
                rejections.append(rejection)
            } else if writer == .client, let value = fields[field] {
                // Every value a phone writes is checked when it arrives, by the rules submit uses.
                if let format = schema.formats[field] {
                    if let rejection = format.rejection(of: value, field: field) { rejections.append(rejection) }
                } else {
                    rejections.append(
                        Rejection(code: "field.invalid", message: "'\(field)' cannot be written from the phone.", fields: [field])
                    )
                }
            }
        }
        if !rejections.isEmpty {
            return .failure(
                rejections.count == 1
                    ? rejections[0]
                    : Rejection(
                        code: "fields.rejected",
                        message: rejections.map(\.message).joined(separator: " "),
                        fields: rejections.flatMap { $0.fields ?? [] }
                    )
            )
        }
        var record = current
        var superseded: [String] = []
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
            let incoming: FieldState
            if schema.fields[field]?.underlying == .addWinsSet {
                // A set written whole (at creation): every element is an add tagged with this write.
                let elements = setElements(from: value, clock: clock, tag: tag)
                incoming = .set(elements)
            } else {
                incoming = .register(.init(value: value, clock: clock))
            }
            if let existing = record.fields[field] {
                if existing.latestClock > clock, case .register = existing { superseded.append(field) }
                record.fields[field] = existing.merged(with: incoming)
            } else {
                record.fields[field] = incoming
            }
        }
        return .success(Applied(record: record, outcome: superseded.isEmpty ? .applied : .merged(superseded: superseded)))
    }

    /// Elements of a set written as a JSON array of objects with an `id`.
    static func setElements(from value: JSONValue, clock: HLCTimestamp, tag: String) -> [String: FieldState.SetElement] {
        guard case .array(let items) = value else { return [:] }
        var elements: [String: FieldState.SetElement] = [:]
        for (index, item) in items.enumerated() {
            let id = item.objectValue?["id"]?.stringValue ?? "\(index)"
            elements[id] = .init(value: item, clock: clock, adds: ["\(tag):\(id)"])
        }
        return elements
    }

    /// Whether `writer` may write `field` of `record` now; `nil` when allowed.
    static func check(
        _ field: String,
        in record: SyncRecord,
        schema: RecordSchema,
        writer: Writer,
        expecting: MergePolicy?,
        creating: Bool
    ) -> Rejection? {
        guard let policy = schema.fields[field] else {
            return Rejection(code: "field.unknown", message: "A \(schema.type) has no field '\(field)'.", fields: [field])
        }
        if let expecting, policy.underlying != expecting {
            return Rejection(code: "field.wrongOperation", message: "'\(field)' cannot be changed this way.", fields: [field])
        }
        if expecting == nil, policy.underlying == .addWinsSet, !creating {
            return Rejection(code: "field.wrongOperation", message: "Add or remove elements of '\(field)' one by one.", fields: [field])
        }
        guard writer == .client else { return nil }
        return clientRule(policy, field: field, record: record, schema: schema, creating: creating)
    }

    static func clientRule(
        _ policy: MergePolicy,
        field: String,
        record: SyncRecord,
        schema: RecordSchema,
        creating: Bool
    )
        -> Rejection?
    {
        switch policy {
        case .serverOwned:
            return Rejection(
                code: "field.serverOwned",
                message: "'\(field)' is set by BPJS Ketenagakerjaan, not from the phone.",
                fields: [field]
            )
        case .appendOnly:
            return record.fields[field] == nil || creating
                ? nil
                : Rejection(code: "field.appendOnly", message: "'\(field)' was recorded and cannot be changed.", fields: [field])
        case .lastWriterWins, .addWinsSet:
            return nil
        case .lockedAfterState(let stateField, let editableIn, let underlying):
            let state = record[stateField]?.stringValue
            if let state, !editableIn.contains(state) {
                return Rejection(
                    code: "field.locked",
                    message:
                        "'\(field)' cannot be changed while the \(schema.type) is \(state); it reopens only if a correction is requested.",
                    fields: [field]
                )
            }
            return clientRule(underlying, field: field, record: record, schema: schema, creating: creating)
        }
    }

    static func notFound(_ schema: RecordSchema) -> Rejection {
        Rejection(code: "record.notFound", message: "This \(schema.type) does not exist (yet) on the server.")
    }
}
