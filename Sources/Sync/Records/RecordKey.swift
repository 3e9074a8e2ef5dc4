import Foundation

/// Names one record: its type (`claim`) and id.
public struct RecordKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The record type, for example `claim`.
    public var type: String
    /// The record's id within its type.
    public var id: String

    /// A key.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// Orders by type, then id.
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.type, lhs.id) < (rhs.type, rhs.id) }

    /// `type/id`, for logs.
    public var description: String { "\(type)/\(id)" }
}

/// A bucket: the records one participant may read and write, or the public reference data.
public struct BucketID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The bucket's name.
    public var rawValue: String

    /// A bucket by name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The bucket of reference data every phone reads (branches, holidays, document rules).
    public static let reference = BucketID("reference")

    /// A participant's own bucket.
    public static func participant(_ id: String) -> BucketID { BucketID("participant:\(id)") }

    /// The participant whose bucket this is; `nil` for the reference bucket.
    public var participantID: UUID? {
        rawValue.hasPrefix("participant:") ? UUID(uuidString: String(rawValue.dropFirst("participant:".count))) : nil
    }

    /// The bucket's name.
    public var description: String { rawValue }
}
