import Sync

/// Where one record stands with the server, derived from the outbox and the rejections (as
/// DHIS2 Android shows it next to each item, and as offline-first guidelines ask an app to
/// show).
public enum RecordSyncState: Hashable, Sendable {
    /// Nothing waits to be sent and nothing was refused.
    case synced
    /// Some local change waits in the outbox and is not being sent yet; a record edited while
    /// its change is being sent is pending again.
    case pending
    /// Every local change of the record is in the request being sent.
    case sending
    /// The server refused a change and the participant has not dismissed it yet: the refusal
    /// carries the reason (`Rejection`, worded for the participant by the app's message
    /// catalog) and the server's record, which now stands.
    case rejected(StoredRejection)

    /// The refusal, if the record shows one.
    public var rejection: StoredRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}
