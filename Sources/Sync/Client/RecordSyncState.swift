/// Where one record stands with the server, derived from the outbox and the rejections (as
/// DHIS2 Android shows it next to each item).
public enum RecordSyncState: String, Hashable, Sendable, Codable {
    /// Nothing waits to be sent and nothing was refused.
    case synced
    /// Some local change waits in the outbox and is not being sent yet; a record edited while
    /// its upload is in flight is pending again.
    case pending
    /// Every local change of the record is in the request being sent.
    case uploading
    /// The server refused a change and the user has not acknowledged it yet.
    case error
}
