import Sync

/// Supplies the bearer token the sync requests carry.
///
/// An app implements it with its keychain and the `/v1/auth/refresh` endpoint.
public protocol TokenProvider: Sendable {
    /// The current access token (possibly expired).
    func accessToken() async throws -> String

    /// Gets a new access token after the server answered 401.
    func refresh() async throws -> String
}
