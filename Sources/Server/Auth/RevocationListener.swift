import Foundation
import Logging
import ServiceLifecycle

/// Keeps ``RevokedSessions`` current with sign-ins that other processes end, on a store several
/// processes share. Each time it starts listening it reads what ended meanwhile, so a dropped
/// connection loses nothing; it then listens again after a pause.
struct RevocationListener: Service {
    let store: any AuthStore & RevocationAnnouncing
    let revoked: RevokedSessions
    let logger: Logger
    let now: @Sendable () -> Date
    var retryDelay: Duration = .seconds(1)

    func run() async throws {
        let (store, revoked, now) = (store, revoked, now)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.listenForRevocations {
                        revoked.insert(try await store.revokedFamilies(since: now().addingTimeInterval(-revoked.retention)))
                    } onRevoke: { family in
                        revoked.insert(family, endedAt: now())
                    }
                } catch {
                    guard !Task.isCancelled else { return }
                    logger.warning("listening for ended sign-ins failed; listening again", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: retryDelay)
            }
        }
    }
}
