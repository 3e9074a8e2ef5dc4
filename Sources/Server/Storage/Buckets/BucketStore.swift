import Foundation
import Models
import Sync

/// The one way a participant's (or the reference) bucket is written: a transaction that waits
/// for the bucket's earlier commits, loads what ``BucketRequest`` names, lets a pure decision
/// choose the changes, and writes them with the change log, the device counter, the audit log,
/// the office views and the appointment book, all or nothing.
///
/// Commits of one bucket run one after another, so a decision never works from a stale bucket
/// and never has to be re-planned. Implementations: ``SQLiteStore`` (its single writer) and
/// ``PostgresStore``.
public protocol BucketStore: Sendable {
    /// Runs `decide` on the bucket inside its transaction and commits what it returns.
    ///
    /// - Throws: what `decide` throws (nothing is written), ``BucketStoreError``, or a storage error.
    func transact<Value: Sendable>(
        _ request: BucketRequest,
        _ decide: @escaping @Sendable (BucketState) throws -> BucketDecision<Value>
    ) async throws -> BucketOutcome<Value>
}

/// Why a bucket transaction rolled back without its decision having refused.
public enum BucketStoreError: Error, Hashable, Sendable {
    /// A record written belongs to another bucket, the device syncs another bucket, or a
    /// booking lost a place to a concurrent one: nothing was written; load again and decide again.
    case conflict
    /// An appointment the decision moved was not in the status it was read in.
    case appointmentMoved
}
