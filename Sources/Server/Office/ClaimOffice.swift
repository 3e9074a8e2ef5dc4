import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Carries out officers' workflow steps on claims. Every step goes through the claim state
/// machine (roles, branch, four-eyes) and lands in the participant's bucket through the same
/// change log as the phone's own writes, so the phone sees it by poke and pull.
struct ClaimOffice: Sendable {
    let store: any Store
    let clock: ServerClock
    let hub: PushHub
    let logger: Logger
    let now: @Sendable () -> Date

    /// The outcome of one step.
    struct Step: Sendable {
        var claim: Claim
        var actions: [WorkflowAction]
        var cursor: Int64
    }

    /// Applies `event` to a claim on behalf of `officer`.
    /// - Throws: ``Problem`` (404 unknown claim, 403/409 workflow refusals); nothing changes then.
    func apply(_ event: ClaimEvent, to claimID: Claim.ID, by officer: Officer) async throws -> Step {
        let key = RecordKey(type: Claim.syncSchema.type, id: claimID.rawValue.uuidString)
        guard let bucket = try await store.bucket(of: key) else { throw Problem.claimNotFound }
        for _ in 1...5 {
            let snapshot = try await store.snapshot(of: bucket)
            guard let record = snapshot.records[key], !record.deleted else { throw Problem.claimNotFound }
            let claim = try record.decode(as: Claim.self)
            let signatures = try record["signatures"]?.decode(as: WorkflowSignatures.self) ?? WorkflowSignatures()
            var updated = claim
            var signed = signatures
            let actions: [WorkflowAction]
            do {
                actions = try ClaimWorkflow.apply(event, to: &updated, signatures: &signed, by: .officer(officer), at: now())
            } catch {
                throw Problem(workflow: error)
            }
            var fields = try Self.changedFields(from: claim, to: updated)
            if signed != signatures { fields["signatures"] = try JSONValue(encoding: signed) }
            let schema = Claim.syncSchema
            let applied = Merge.apply(
                .update(fields: fields),
                to: record,
                key: key,
                schema: schema,
                clock: clock.tick(),
                tag: UUID().uuidString,
                writer: .server
            )
            guard case .success(let result) = applied else { throw Problem.internalError }
            let commit = BucketCommit(bucket: bucket, expectedVersion: snapshot.version, device: nil, writes: [result.record], results: [])
            if case .committed(let cursor) = try await store.commit(commit) {
                hub.publish(bucket: bucket, cursor: cursor)
                logger.info(
                    "claim workflow step",
                    metadata: ["claim": "\(claimID)", "event": "\(event.name)", "status": "\(updated.status.rawValue)"]
                )
                return Step(claim: updated, actions: actions, cursor: cursor)
            }
        }
        throw Problem.unavailable
    }

    /// The top-level fields that differ between two versions of a claim (documents excepted:
    /// only participants add those).
    static func changedFields(from old: Claim, to new: Claim) throws -> [String: JSONValue] {
        guard case .object(let before) = try JSONValue(encoding: old), case .object(let after) = try JSONValue(encoding: new) else {
            return [:]
        }
        var changed = after.filter { before[$0.key] != $0.value && $0.key != "documents" }
        for key in before.keys where after[key] == nil && key != "documents" { changed[key] = .null }
        return changed
    }
}

extension Problem {
    static let claimNotFound = Problem(status: .notFound, code: "claim.notFound", title: "No such claim")

    /// A workflow refusal as a problem: 403 for who may act, 409 for the claim's state.
    init(workflow error: WorkflowError) {
        let status: HTTPResponse.Status =
            switch error {
            case .roleRequired, .otherBranch, .participantOnly, .fourEyes: .forbidden
            case .invalidTransition: .conflict
            case .invalidInput: .badRequest
            }
        self.init(status: status, code: error.code, title: "This step is not allowed", detail: error.message)
    }
}
