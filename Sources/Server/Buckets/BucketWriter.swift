import Foundation
import Logging
import Models
import Sync

/// The one component that writes buckets. Every write of a participant's bucket (a phone's
/// push, an officer's step, an SLA notice, a fallback booking or decision, provisioning) and of
/// the reference bucket goes through ``write(_:_:)``: the store loads the bucket under its lock,
/// a pure decision chooses the changes, the store commits them with the change log, the audit
/// log and the office views in one transaction, and the bucket's phones are poked.
struct BucketWriter: Sendable {
    let store: any BucketStore
    let hub: PushHub
    let logger: Logger

    /// How often a transaction that lost a race (a record id or device taken by another bucket,
    /// a place booked by another participant in the same instant) is decided again, on the
    /// state that won.
    static let attempts = 3

    /// Decides and commits one action on `request.bucket`, then pokes its subscribers.
    ///
    /// - Throws: what `decide` throws (nothing is written then), or a storage error.
    func write<Value: Sendable>(
        _ request: BucketRequest,
        _ decide: @escaping @Sendable (BucketState) throws -> BucketDecision<Value>
    ) async throws -> BucketOutcome<Value> {
        for attempt in 1...Self.attempts {
            do {
                let outcome = try await store.transact(request, decide)
                if let cursor = outcome.cursor { hub.publish(bucket: request.bucket, version: cursor) }
                return outcome
            } catch BucketStoreError.conflict where attempt < Self.attempts {
                logger.debug("bucket transaction lost a race; deciding again", metadata: ["attempt": "\(attempt)"])
            }
        }
        throw Problem.unavailable
    }
}
