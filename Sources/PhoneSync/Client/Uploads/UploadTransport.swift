import Sync

/// How the phone reaches the resumable upload endpoints (tus 1.0: `POST /v1/uploads`, then
/// `HEAD` and `PATCH` on the upload's URL).
///
/// An app implements it over HTTP; tests implement it in process. Every error should be an
/// ``UploadTransportError``; anything else counts as ``UploadTransportError/transient(_:)``.
public protocol UploadTransport: Sendable {
    /// Creates an upload of `length` bytes and returns its URL (`Location`).
    func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String

    /// The bytes the server has kept of the upload at `location` (`Upload-Offset` of a HEAD).
    func offset(at location: String, accessToken: String) async throws -> Int64

    /// Sends `bytes` at `offset` with their checksum (`sha256 <Base64>`) and returns the
    /// server's new offset.
    func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64
}

/// Why an upload request failed, as far as the uploader cares. None of these loses the
/// document: its bytes stay queued until the server has them, or refuses them for good.
public enum UploadTransportError: Error, Hashable, Sendable {
    /// HTTP 401: refresh the access token, then ask for the offset again.
    case unauthorized
    /// A lost connection, a timeout, 5xx, 423: ask for the offset after a backoff.
    case transient(String)
    /// 409: the offset was not the server's; ask for it.
    case offsetConflict
    /// 460: the chunk arrived damaged and was discarded; send it again.
    case checksumMismatch
    /// 404 or 410: the upload expired or is unknown; start a new one.
    case gone
    /// The server refuses the file for good (413 too large, 415 not a document type, 400):
    /// the reason is shown to the participant.
    case refused(Rejection)
}
