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
        let response = try await sync.pull(cursor: input.query.cursor ?? 0, limit: input.query.limit ?? 500, by: principal)
        return .ok(.init(body: .json(try WireBridge.convert(response))))
    }

    func liveUpdates(_ input: Operations.LiveUpdates.Input) async throws -> Operations.LiveUpdates.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        let cursor = input.query.cursor ?? 0
        let buckets = Authorization.readableBuckets(of: principal)
        let subscription = sync.hub.subscribe(to: buckets)
        let latest = try await store.latestChange(in: buckets)
        let events = LiveEventStream(
            subscription: subscription,
            hub: sync.hub,
            initialCursor: latest > cursor ? latest : nil,
            heartbeat: .seconds(15)
        )
        return .ok(.init(body: .textEventStream(HTTPBody(events.bytes(), length: .unknown, iterationBehavior: .single))))
    }
}

/// The bytes of an SSE stream: pokes (with an immediate one when the phone is behind) and
/// heartbeats, ending when the client goes away.
struct LiveEventStream: Sendable {
    let subscription: PushHub.Subscription
    let hub: PushHub
    let initialCursor: Int64?
    let heartbeat: Duration

    func bytes() -> AsyncStream<ArraySlice<UInt8>> {
        let (stream, continuation) = AsyncStream.makeStream(of: ArraySlice<UInt8>.self, bufferingPolicy: .bufferingNewest(8))
        if let initialCursor { continuation.yield(Self.poke(initialCursor)) }
        let forward = Task {
            // The server's graceful shutdown ends the stream, so phones reconnect elsewhere.
            await withGracefulShutdownHandler {
                for await poke in subscription.pokes { continuation.yield(Self.poke(poke.cursor)) }
            } onGracefulShutdown: {
                continuation.finish()
            }
            continuation.finish()
        }
        let beat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                if Task.isCancelled { break }
                continuation.yield(ArraySlice("event: heartbeat\ndata: {}\n\n".utf8))
            }
        }
        let id = subscription.id
        continuation.onTermination = { [hub] _ in
            forward.cancel()
            beat.cancel()
            hub.unsubscribe(id)
        }
        return stream
    }

    static func poke(_ cursor: Int64) -> ArraySlice<UInt8> {
        ArraySlice("event: poke\ndata: {\"cursor\":\(cursor)}\n\n".utf8)
    }
}
