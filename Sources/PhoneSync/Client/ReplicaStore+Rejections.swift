import Foundation
import GRDB
import Sync

extension ReplicaStore {
    /// The mutations the server refused, oldest first; by default only those the user has not
    /// acknowledged.
    public func rejections(includeAcknowledged: Bool = false) throws -> [StoredRejection] {
        try writer.read { db in
            let sql = "SELECT * FROM rejection" + (includeAcknowledged ? "" : " WHERE NOT acknowledged") + " ORDER BY id"
            return try Row.fetchAll(db, sql: sql).map(Self.storedRejection)
        }
    }

    static func storedRejection(_ row: Row) throws -> StoredRejection {
        let serverRecord: String? = row["serverRecord"]
        let receivedAt: Int64 = row["receivedAtMillis"]
        return StoredRejection(
            id: row["id"],
            mutation: try ReplicaCoding.decode(Mutation.self, from: row["mutation"]),
            rejection: try ReplicaCoding.decode(Rejection.self, from: row["rejection"]),
            serverRecord: try serverRecord.map { try ReplicaCoding.decode(SyncRecord.self, from: $0) },
            acknowledged: row["acknowledged"],
            receivedAt: Date(timeIntervalSince1970: Double(receivedAt) / 1000)
        )
    }

    /// Marks a rejection as seen: its record no longer shows ``RecordSyncState/rejected(_:)``.
    public func acknowledgeRejection(_ id: Int64) throws {
        try writer.write { db in try db.execute(sql: "UPDATE rejection SET acknowledged = 1 WHERE id = ?", arguments: [id]) }
    }
}
