import Foundation
import Models
import Sync

/// The one authorization function for records: may this principal read or write this bucket.
///
/// A participant reads and writes only their own bucket and reads the reference bucket.
/// Officers never write a participant's records directly: the office workflow does, on their
/// behalf, after checking role and branch.
enum Authorization {
    enum Access {
        case read
        case write
    }

    static func may(_ principal: Principal, _ access: Access, _ bucket: BucketID) -> Bool {
        switch principal.kind {
        case .participant:
            if bucket == .participant(principal.id.uuidString) { return true }
            return bucket == .reference && access == .read
        case .officer:
            return bucket == .reference && access == .read
        }
    }

    /// The buckets a principal pulls.
    static func readableBuckets(of principal: Principal) -> [BucketID] {
        switch principal.kind {
        case .participant: [.participant(principal.id.uuidString), .reference]
        case .officer: [.reference]
        }
    }
}
