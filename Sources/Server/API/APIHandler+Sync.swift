import APITypes
import Foundation
import HTTPTypes
import OpenAPIRuntime
import ServiceLifecycle
import Sync

extension APIHandler {
    func pushMutations(_ input: Operations.PushMutations.Input) async throws -> Operations.PushMutations.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        // The body decoded once, straight into Sync's `PushRequest`, which makes the contract's
        // checks (a body that fails them is `request.invalid`, as every body the contract refuses); the
        // answer is Sync's own `PushResponse`, encoded once (typeOverrides in APITypes).
        guard case .json(let request) = input.body else { throw Problem.unsupportedMediaType }
        return .ok(.init(body: .json(try await sync.push(request, by: principal))))
    }

    func pullChanges(_ input: Operations.PullChanges.Input) async throws -> Operations.PullChanges.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        let cursor = SyncCursor(input.query.cursor ?? "")
        return .ok(.init(body: .json(try await sync.pull(cursor: cursor, limit: input.query.limit ?? 500, by: principal))))
    }

    func liveUpdates(_ input: Operations.LiveUpdates.Input) async throws -> Operations.LiveUpdates.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        let buckets = Authorization.readableBuckets(of: principal)
        let positions = try sync.cursors.positions(of: SyncCursor(input.query.cursor ?? ""), in: buckets)
        let live = LiveEventStream(hub: sync.hub, cursors: sync.cursors, buckets: buckets)
        let events = try await live.open(from: positions) { [store] in
            let heads = try await store.heads(of: buckets)
            return buckets.map { heads[$0]?.version ?? 0 }
        }
        // The app's responder writes the events itself, from the slot (``HeldStreamResponder``);
        // without it, the generated layer writes them from this body.
        HeldStreamSlot.current?.hold(events)
        return .ok(.init(body: .textEventStream(HTTPBody(events, length: .unknown, iterationBehavior: .single))))
    }
}
