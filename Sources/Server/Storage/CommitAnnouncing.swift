import Sync

/// A store that several server processes share tells each of them about every commit, after it
/// has landed, so the push hub of every process pokes its own phones about changes another
/// process made.
/// ``SQLiteStore`` has one process and needs none of this: its commits reach the hub directly.
public protocol CommitAnnouncing: Sendable {
    /// Calls `onCommit` with the bucket and the cursor of every commit that wrote records, from
    /// any process, until the calling task is cancelled (returns) or the connection fails (throws).
    func listenForCommits(_ onCommit: @escaping @Sendable (_ bucket: BucketID, _ cursor: Int64) -> Void) async throws
}
