import Sync

/// How the phone reaches the sync endpoints (`POST /v1/sync/push`, `GET /v1/sync/pull`).
///
/// An app implements it over HTTP; tests and the simulator implement it in process. Every
/// error a transport throws should be a ``SyncTransportError``; anything else is treated as
/// ``SyncTransportError/transient(_:)``.
public protocol SyncTransport: Sendable {
    /// Sends a batch of mutations, in counter order, and returns one result per mutation.
    func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse

    /// Fetches at most `limit` changes after `cursor`.
    func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse
}
