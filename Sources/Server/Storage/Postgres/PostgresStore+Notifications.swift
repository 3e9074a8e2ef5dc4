import Logging
import PostgresNIO
import Sync

/// Commits announce themselves with `NOTIFY` inside their transaction, so PostgreSQL delivers
/// the notice exactly when (and only if) the commit lands, to every process that listens.
extension PostgresStore: CommitAnnouncing {
    /// The channel every process listens on.
    static let commitChannel = "jht_commits"
    /// PostgreSQL refuses payloads of 8000 bytes or more.
    static let payloadLimit = 8000

    /// The payload: the cursor, a space, then the bucket.
    static func payload(bucket: BucketID, cursor: Int64) -> String { "\(cursor) \(bucket.rawValue)" }

    static func parse(payload: String) -> (bucket: BucketID, cursor: Int64)? {
        guard let space = payload.firstIndex(of: " "), let cursor = Int64(payload[..<space]) else { return nil }
        let bucket = payload[payload.index(after: space)...]
        return bucket.isEmpty ? nil : (BucketID(String(bucket)), cursor)
    }

    /// Queues the notice of a commit; PostgreSQL sends it when the transaction commits.
    static func announce(bucket: BucketID, cursor: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        let payload = payload(bucket: bucket, cursor: cursor)
        // Bucket ids are the server's own and short; one too long for a notice is not announced
        // (its phones still hear this process's own pokes and catch up on their next pull).
        guard payload.utf8.count < payloadLimit else {
            logger.warning("commit not announced: bucket id too long for a notice", metadata: ["cursor": "\(cursor)"])
            return
        }
        try await connection.query("SELECT pg_notify(\(commitChannel), \(payload))", logger: logger)
    }

    public func listenForCommits(_ onCommit: @escaping @Sendable (_ bucket: BucketID, _ cursor: Int64) -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: Self.commitChannel) { notifications in
                for try await notification in notifications {
                    guard let (bucket, cursor) = Self.parse(payload: notification.payload) else { continue }
                    onCommit(bucket, cursor)
                }
            }
        }
    }
}
