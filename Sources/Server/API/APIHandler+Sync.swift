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
        let subscription = sync.hub.subscribe(to: buckets)
        let heads = try await store.heads(of: buckets)
        let current = buckets.map { heads[$0]?.version ?? 0 }
        let events = LiveEventStream(
            subscription: subscription,
            hub: sync.hub,
            cursors: sync.cursors,
            buckets: buckets,
            positions: current,
            pokeAtOnce: current != positions,
            heartbeat: .seconds(15)
        )
        return .ok(.init(body: .textEventStream(HTTPBody(events.bytes(), length: .unknown, iterationBehavior: .single))))
    }
}

/// The bytes of an SSE stream: pokes carrying the cursor of the newest changes (with an
/// immediate one when the phone is not there yet) and heartbeats, ending when the client goes away.
struct LiveEventStream: Sendable {
    let subscription: PushHub.Subscription
    let hub: PushHub
    let cursors: CursorCodec
    /// The buckets the phone reads, and their newest versions when the stream opened.
    let buckets: [BucketID]
    let positions: [Int64]
    let pokeAtOnce: Bool
    let heartbeat: Duration

    func bytes() -> AsyncStream<ArraySlice<UInt8>> {
        let (stream, continuation) = AsyncStream.makeStream(of: ArraySlice<UInt8>.self, bufferingPolicy: .bufferingNewest(8))
        if pokeAtOnce { continuation.yield(Self.poke(cursors.cursor(positions, in: buckets))) }
        let forward = Task { [cursors, buckets, positions] in
            var positions = positions
            // The server's graceful shutdown ends the stream, so phones reconnect elsewhere.
            await withGracefulShutdownHandler {
                for await commit in subscription.commits {
                    guard let index = buckets.firstIndex(of: commit.bucket), commit.version > positions[index] else { continue }
                    positions[index] = commit.version
                    continuation.yield(Self.poke(cursors.cursor(positions, in: buckets)))
                }
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

    /// A token is base64url and a dot: it needs no escaping inside the JSON string.
    static func poke(_ cursor: SyncCursor) -> ArraySlice<UInt8> {
        ArraySlice("event: poke\ndata: {\"cursor\":\"\(cursor.token)\"}\n\n".utf8)
    }
}
