import APITypes
import Foundation
import HTTPTypes
import OpenAPIRuntime
import ServiceLifecycle
import Sync

extension APIHandler {
    func pushMutations(_ input: Operations.PushMutations.Input) async throws -> Operations.PushMutations.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        // The body decodes into the generated types, which hold the contract's checks, then into
        // Sync's; the answer is Sync's own `PushResponse` (typeOverrides in APITypes), encoded once.
        let request: PushRequest
        do {
            request = try WireBridge.convert(body)
        } catch {
            throw Problem.invalidMutation(WireBridge.describe(error))
        }
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
        return .ok(.init(body: .textEventStream(HTTPBody(events, length: .unknown, iterationBehavior: .single))))
    }
}

extension Problem {
    /// A push whose mutations the sync engine cannot read (`reason`: the decoder's word on the
    /// first thing wrong).
    static func invalidMutation(_ reason: String) -> Problem {
        Problem(
            status: .badRequest,
            code: "sync.invalidMutation",
            title: "A mutation is not valid",
            detail: "The push does not match the Mutation schema: \(reason)."
        )
    }
}
