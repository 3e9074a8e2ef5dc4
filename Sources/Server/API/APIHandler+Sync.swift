import APITypes
import Foundation
import HTTPTypes
import OpenAPIRuntime
import ServiceLifecycle
import Sync

extension APIHandler {
    func pushMutations(_ input: Operations.PushMutations.Input) async throws -> Operations.PushMutations.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        // The body arrives decoded into Sync's own `PushRequest` (typeOverrides in APITypes):
        // one decode, no copies through generated types. A body that does not decode is
        // refused before this handler (``Problem/invalidMutation(_:)``).
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
        return .ok(.init(body: .textEventStream(HTTPBody(events, length: .unknown, iterationBehavior: .single))))
    }
}

extension Problem {
    /// A push whose mutations do not match the Mutation schema (the body decodes straight into
    /// ``PushRequest``, so this is the decoder's word on the first thing wrong).
    static func invalidMutation(_ error: DecodingError) -> Problem {
        Problem(
            status: .badRequest,
            code: "sync.invalidMutation",
            title: "A mutation is not valid",
            detail: "The push does not match the Mutation schema: \(error.plainDescription)."
        )
    }
}
