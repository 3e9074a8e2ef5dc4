import GRDB
import Sync

extension ReplicaStore {
    /// Handles a pull response in one transaction: joins each changed record into the local
    /// copy (a tombstone deletes it) and advances the cursor. When nothing more waits, the
    /// replica counts as synced now (``lastSyncedAt()``).
    ///
    /// A response with `PullResponse.reset` resets the replica instead (see
    /// ``resetReplica()``).
    public func applyPull(_ response: PullResponse) throws {
        if response.reset { return try resetReplica() }
        try writer.write { db in
            var meta = try ReplicaMeta.require(db)
            for change in response.changes {
                try Self.receiveServerRecord(change.record, seq: change.seq, db)
            }
            observeClocks(of: response.changes.map(\.record), meta: &meta)
            meta.cursor = response.cursor
            if !response.hasMore { meta.lastSyncedAtMillis = wallClock() }
            try meta.save(db)
        }
    }

    /// Drops every server record and rewinds the cursor to the start, keeping the outbox and the
    /// rejections: the next pull fetches the whole bucket again.
    public func resetReplica() throws {
        try writer.write { db in
            var meta = try ReplicaMeta.require(db)
            try db.execute(sql: "DELETE FROM serverRecord")
            meta.cursor = .start
            try meta.save(db)
        }
    }
}
