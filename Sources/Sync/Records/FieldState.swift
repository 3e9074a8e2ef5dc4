/// The state of one field of a record, with what the merge needs to decide concurrent writes.
///
/// Every case merges by a join (``merged(with:)``) that is commutative, associative and
/// idempotent, so replicas that have seen the same writes hold the same state whatever the
/// order they saw them in.
public enum FieldState: Hashable, Sendable {
    /// A single value with the clock of the write that set it (server-owned,
    /// last-writer-wins, locked and append-only scalars).
    case register(Register)
    /// An add-wins set of elements by id.
    case set([String: SetElement])

    /// A last-writer-wins value with the clock of its write.
    public struct Register: Hashable, Sendable, Codable {
        /// The value.
        public var value: JSONValue
        /// The clock of the write that set it.
        public var clock: HLCTimestamp

        /// A register.
        public init(value: JSONValue, clock: HLCTimestamp) {
            self.value = value
            self.clock = clock
        }
    }

    /// An element of an add-wins set: present while some add tag is not removed.
    public struct SetElement: Hashable, Sendable, Codable {
        /// The element's value.
        public var value: JSONValue
        /// The clock of the add that set ``value``; the latest add's value is kept.
        public var clock: HLCTimestamp
        /// One tag per add (the mutation id).
        public var adds: Set<String>
        /// The add tags a remove observed.
        public var removes: Set<String>

        /// An element with its add and remove tags.
        public init(value: JSONValue, clock: HLCTimestamp, adds: Set<String>, removes: Set<String> = []) {
            self.value = value
            self.clock = clock
            self.adds = adds
            self.removes = removes
        }

        /// An add not yet observed by any remove keeps the element (add wins).
        public var isPresent: Bool { !adds.isSubset(of: removes) }
    }

    /// The join of two states of the same field.
    public func merged(with other: FieldState) -> FieldState {
        switch (self, other) {
        case (.register(let a), .register(let b)):
            return .register(b.clock > a.clock ? b : a)
        case (.set(let a), .set(let b)):
            return .set(
                a.merging(b) { x, y in
                    SetElement(
                        value: y.clock > x.clock ? y.value : x.value,
                        clock: max(x.clock, y.clock),
                        adds: x.adds.union(y.adds),
                        removes: x.removes.union(y.removes)
                    )
                }
            )
        case (.register(let a), .set):
            // A field never changes kind; if it did, the later write's kind wins deterministically.
            return a.clock >= other.latestClock ? self : other
        case (.set, .register(let b)):
            return b.clock >= latestClock ? other : self
        }
    }

    /// The latest clock that touched the field.
    public var latestClock: HLCTimestamp {
        switch self {
        case .register(let register): register.clock
        case .set(let elements): elements.values.map(\.clock).max() ?? HLCTimestamp(millis: 0, counter: 0, node: "")
        }
    }

    /// The value as the model sees it: a register's value, or a set's present elements in
    /// id order.
    public var value: JSONValue {
        switch self {
        case .register(let register): register.value
        case .set(let elements): .array(elements.keys.sorted().compactMap { elements[$0]!.isPresent ? elements[$0]!.value : nil })
        }
    }
}

extension FieldState: Codable {
    // On the wire: `{"register": {"value": ..., "clock": ...}}` or `{"set": {"<id>": element}}`.
    private enum CodingKeys: String, CodingKey { case register, set }

    /// Decodes a field state by its kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let register = try container.decodeIfPresent(Register.self, forKey: .register) {
            self = .register(register)
        } else if let elements = try container.decodeIfPresent([String: SetElement].self, forKey: .set) {
            self = .set(elements)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a field state is a register or a set")
            )
        }
    }

    /// Encodes a field state with its kind.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .register(let register): try container.encode(register, forKey: .register)
        case .set(let elements): try container.encode(elements, forKey: .set)
        }
    }
}
