import Foundation
import Sync

/// Keeps a phone's replica current while the app is in the foreground: follows the live
/// stream and syncs on every poke, and reconnects with the replica's cursor whenever the
/// connection ends.
///
/// ```swift
/// let live = LiveSync(client: client, stream: URLSessionLiveStream(server: server), tokens: tokens)
/// let following = Task { await live.run() }   // in the foreground
/// following.cancel()                           // going to the background
/// ```
///
/// A reconnect waits a backoff (reset by every poke); a 401 refreshes the access token
/// through the same `TokenProvider` the sync loop uses, so concurrent refreshes are shared.
public struct LiveSync: Sendable {
    /// What happened on the stream, for an app's "live" indicator and for tests.
    public enum Event: Hashable, Sendable {
        /// A connection is being opened from this cursor.
        case connecting(cursor: SyncCursor)
        /// The server announced a change; a sync follows.
        case poked(cursor: SyncCursor)
        /// The connection ended (the reason is for a log, in English).
        case disconnected(reason: String)
    }

    let client: SyncClient
    let stream: URLSessionLiveStream
    let tokens: any TokenProvider
    let backoff: RetryBackoff
    let sleep: @Sendable (Double) async throws -> Void
    let events: @Sendable (Event) -> Void

    /// - Parameters:
    ///   - client: the sync client to poke.
    ///   - stream: the live stream.
    ///   - tokens: the access tokens (the sync client's provider).
    ///   - backoff: the wait before reconnecting after a failure.
    ///   - sleep: waits a number of seconds (inject one for tests).
    ///   - events: told of each connection, poke and disconnection.
    public init(
        client: SyncClient,
        stream: URLSessionLiveStream,
        tokens: any TokenProvider,
        backoff: RetryBackoff = RetryBackoff(initialSeconds: 0.5, maximumSeconds: 30),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        events: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.client = client
        self.stream = stream
        self.tokens = tokens
        self.backoff = backoff
        self.sleep = sleep
        self.events = events
    }

    /// Follows the stream until the task is cancelled. Syncs once on every connection (what
    /// was written offline goes out) and on every poke.
    public func run() async {
        var backoff = backoff
        var failures = 0
        while !Task.isCancelled {
            do {
                let cursor = try client.store.cursor()
                events(.connecting(cursor: cursor))
                let token = try await tokens.accessToken()
                let pokes = stream.pokes(after: cursor, accessToken: token)
                try await client.syncNow()
                for try await poke in pokes {
                    failures = 0
                    events(.poked(cursor: poke.cursor))
                    try client.poked(cursor: poke.cursor)
                    try await client.run()
                }
                events(.disconnected(reason: "The server closed the stream."))
            } catch SyncTransportError.unauthorized {
                events(.disconnected(reason: "The access token expired."))
                _ = try? await tokens.refresh()
            } catch {
                if Task.isCancelled { return }
                events(.disconnected(reason: String(describing: error)))
            }
            failures += 1
            do { try await sleep(backoff.delay(attempt: failures)) } catch { return }
        }
    }
}
