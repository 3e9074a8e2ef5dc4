import Logging
import PostgresNIO
import Sync

/// Commits are announced with `NOTIFY` after they land (``CommitNotices``), so every process
/// that listens pokes its own phones about changes another process made.
extension PostgresStore: CommitAnnouncing {
    /// The channel every process listens on.
    static let commitChannel = "jht_commits"
    /// PostgreSQL refuses payloads of 8000 bytes or more.
    static let payloadLimit = 8000

    /// One line per commit: the cursor, a space, then the bucket.
    static func payload(bucket: BucketID, cursor: Int64) -> String { "\(cursor) \(bucket.rawValue)" }

    /// The notices that carry `commits`: lines joined by newlines, each notice under
    /// ``payloadLimit`` bytes. A bucket id too long for a notice is left out (bucket ids are
    /// the server's own and short; its phones still hear this process's own pokes).
    static func payloads(_ commits: [(bucket: BucketID, cursor: Int64)]) -> [String] {
        var notices: [String] = []
        var current = ""
        for (bucket, cursor) in commits {
            let line = payload(bucket: bucket, cursor: cursor)
            guard line.utf8.count < payloadLimit else { continue }
            if !current.isEmpty, current.utf8.count + 1 + line.utf8.count >= payloadLimit {
                notices.append(current)
                current = ""
            }
            current += current.isEmpty ? line : "\n" + line
        }
        if !current.isEmpty { notices.append(current) }
        return notices
    }

    /// The commits a notice carries; lines that do not read as a commit are skipped.
    static func parse(payload: String) -> [(bucket: BucketID, cursor: Int64)] {
        payload.split(separator: "\n").compactMap { line in
            guard let space = line.firstIndex(of: " "), let cursor = Int64(line[..<space]) else { return nil }
            let bucket = line[line.index(after: space)...]
            return bucket.isEmpty ? nil : (BucketID(String(bucket)), cursor)
        }
    }

    public func listenForCommits(_ onCommit: @escaping @Sendable (_ bucket: BucketID, _ cursor: Int64) -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: Self.commitChannel) { notifications in
                for try await notification in notifications {
                    for (bucket, cursor) in Self.parse(payload: notification.payload) { onCommit(bucket, cursor) }
                }
            }
        }
    }
}
