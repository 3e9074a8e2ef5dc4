import Foundation
import PostgresNIO

/// Ended sign-ins announce themselves with `NOTIFY` inside their transaction, so every process
/// refuses the family's access tokens as soon as the revocation commits.
extension PostgresStore: RevocationAnnouncing {
    /// The channel every process listens on; the payload is the family's UUID.
    static let revocationChannel = "jht_revocations"

    public func listenForRevocations(
        onListening: @escaping @Sendable () async throws -> Void,
        onRevoke: @escaping @Sendable (UUID) -> Void
    ) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: Self.revocationChannel) { notifications in
                // Listening: what ended before now is read from the table; what ends after, heard.
                try await onListening()
                for try await notification in notifications {
                    if let family = UUID(uuidString: notification.payload) { onRevoke(family) }
                }
            }
        }
    }
}
