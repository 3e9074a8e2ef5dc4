import Foundation
import GRDB
import Sync

extension ReplicaStore {
    /// The sync status now.
    public func syncStatus() throws -> SyncStatus {
        try writer.read { db in try Self.syncStatus(db) }
    }

    /// The sync status now and after every change of it (a push sent or answered, a pull, a
    /// local write, a refusal dismissed), for an app's status line. The sequence ends when
    /// the caller stops iterating.
    public func syncStatusUpdates() -> AsyncThrowingStream<SyncStatus, any Error> {
        observe { db in try Self.syncStatus(db) }
    }

    /// A record's sync state now and after every change of it, for the badge next to it.
    public func syncStateUpdates(of key: RecordKey) -> AsyncThrowingStream<RecordSyncState, any Error> {
        observe { db in try Self.syncState(of: key, db) }
    }

    /// Observes a value of the database: the current one, then each different one.
    private func observe<Value: Equatable & Sendable>(
        _ fetch: @escaping @Sendable (Database) throws -> Value
    ) -> AsyncThrowingStream<Value, any Error> {
        let observation = ValueObservation.tracking(fetch).removeDuplicates()
        let writer = writer
        return AsyncThrowingStream { continuation in
            let cancellable = observation.start(
                in: writer,
                scheduling: .task,
                onError: { continuation.finish(throwing: $0) },
                onChange: { continuation.yield($0) }
            )
            continuation.onTermination = { _ in cancellable.cancel() }
        }
    }

    static func syncStatus(_ db: Database) throws -> SyncStatus {
        let states = try String.fetchAll(db, sql: "SELECT state FROM outbox WHERE heldFor IS NULL")
        let sending = states.filter { $0 == OutboxEntry.State.inFlight.rawValue }.count
        return SyncStatus(
            lastSyncedAt: try ReplicaMeta.require(db).lastSyncedAtMillis.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            pending: states.count - sending,
            sending: sending,
            uploadsWaiting: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM upload WHERE state = 'waiting'") ?? 0,
            rejections: try Row.fetchAll(db, sql: "SELECT * FROM rejection WHERE NOT acknowledged ORDER BY id").map(storedRejection)
        )
    }
}
