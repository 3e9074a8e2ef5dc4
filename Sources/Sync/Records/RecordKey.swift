import Foundation

/// Names one record: its type (`claim`) and id.
public struct RecordKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.type, lhs.id) < (rhs.type, rhs.id) }

    public var description: String { "\(type)/\(id)" }
}

/// A bucket: the records one participant may read and write, or the public reference data.
public struct BucketID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The bucket of reference data every phone reads (branches, holidays, document rules).
    public static let reference = BucketID("reference")

    /// A participant's own bucket.
    public static func participant(_ id: String) -> BucketID { BucketID("participant:\(id)") }

    /// The participant whose bucket this is; `nil` for the reference bucket.
    public var participantID: UUID? {
        rawValue.hasPrefix("participant:") ? UUID(uuidString: String(rawValue.dropFirst("participant:".count))) : nil
    }

    public var description: String { rawValue }
}
