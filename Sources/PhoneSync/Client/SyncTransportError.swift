import Sync

/// Why a push or a pull failed, as far as the sync loop cares.
///
/// None of these drops a write: mutations stay in the outbox until the server answers for
/// them. A mutation the server refuses is not an error here; it is a
/// `MutationOutcome.rejected(_:)` result inside a successful `PushResponse`.
public enum SyncTransportError: Error, Hashable, Sendable {
    /// HTTP 401: refresh the access token, then retry the same request.
    case unauthorized
    /// 5xx, a timeout or a lost connection: retry with backoff.
    case transient(String)
    /// The server expects this device's next mutation to carry counter `expected`; the client
    /// renumbers its outbox to start there and resends it.
    case counterGap(expected: Int64)
    /// Any other 4xx: surfaced to the user; the sync loop stops until started again.
    case permanent(String)
}
