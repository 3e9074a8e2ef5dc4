import Sync

/// `Sync.Operation`, named so it does not clash with Foundation's `Operation`.
typealias RecordOperation = Sync.Operation
