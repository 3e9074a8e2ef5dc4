// The statements of the bucket transaction, pulls and account reads, prepared once per
// connection (``PreparedSQL``).
extension PostgresStore {
    enum CreateBucket: PreparedSQL {
        static let sql = "INSERT INTO syncBucket (bucket, version, horizon) VALUES ($1, 0, 0) ON CONFLICT (bucket) DO NOTHING"
    }

    enum LockBucket: PreparedSQL {
        static let sql = "SELECT version FROM syncBucket WHERE bucket = $1 FOR UPDATE"
    }

    enum BucketVersion: PreparedSQL {
        static let sql = "SELECT version FROM syncBucket WHERE bucket = $1"
    }

    enum SetBucketVersion: PreparedSQL {
        static let sql = "UPDATE syncBucket SET version = $1 WHERE bucket = $2"
    }

    enum BucketHeads: PreparedSQL {
        static let sql = "SELECT bucket, version, horizon FROM syncBucket WHERE bucket = ANY($1)"
    }

    enum BucketRecords: PreparedSQL {
        static let sql = "SELECT state FROM syncRecord WHERE bucket = $1"
    }

    enum ChangesAfter: PreparedSQL {
        static let sql = "SELECT seq, state FROM syncRecord WHERE bucket = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    }

    /// Record ids are global: a key another bucket holds (even one it inserts in this very
    /// instant) updates nothing and returns no row.
    enum WriteRecord: PreparedSQL {
        static let sql = """
            INSERT INTO syncRecord (type, id, bucket, seq, deleted, state) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (type, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, state = excluded.state
            WHERE syncRecord.bucket = excluded.bucket
            RETURNING 1
            """
    }

    enum Device: PreparedSQL {
        static let sql = "SELECT bucket, lastCounter FROM syncDevice WHERE deviceID = $1"
    }

    enum SetDeviceCounter: PreparedSQL {
        static let sql = """
            INSERT INTO syncDevice (deviceID, bucket, lastCounter) VALUES ($1, $2, $3)
            ON CONFLICT (deviceID) DO UPDATE SET lastCounter = excluded.lastCounter
            """
    }

    enum StoredResults: PreparedSQL {
        static let sql = "SELECT counter, result FROM syncResult WHERE deviceID = $1 AND counter BETWEEN $2 AND $3"
    }

    enum StoreResult: PreparedSQL {
        static let sql = "INSERT INTO syncResult (deviceID, counter, result) VALUES ($1, $2, $3)"
    }

    enum AccountByID: PreparedSQL {
        static let sql = accountColumns + " WHERE id = $1"
    }

    enum BranchByID: PreparedSQL {
        static let sql = branchColumns + " WHERE id = $1"
    }

    enum LedgerOf: PreparedSQL {
        static let sql = "SELECT id, participantID, claimID, amount, source, at FROM ledgerEntry WHERE participantID = $1 ORDER BY at, id"
    }

    enum AppendLedger: PreparedSQL {
        static let sql = "INSERT INTO ledgerEntry (id, participantID, claimID, amount, source, at) VALUES ($1, $2, $3, $4, $5, $6)"
    }
}
