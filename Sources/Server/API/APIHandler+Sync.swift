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
        let request: PushRequest
        do {
            request = try WireBridge.convert(body)
        } catch {
            throw Problem(
                status: .badRequest,
                code: "sync.invalidMutation",
                title: "A mutation is not valid",
                detail: "The push does not match the Mutation schema: \(WireBridge.describe(error))."
            )
        }
        let response = try await sync.push(request, by: principal)
        return .ok(.init(body: .json(try WireBridge.convert(response))))
    }

    func pullChanges(_ input: Operations.PullChanges.Input) async throws -> Operations.PullChanges.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        let cursor = SyncCursor(input.query.cursor ?? "")
        let response = try await sync.pull(cursor: cursor, limit: input.query.limit ?? 500, by: principal)
        return .ok(.init(body: .json(try WireBridge.convert(response))))
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
