import Foundation
import Logging
import ServiceLifecycle

/// Feeds commits made by other processes on a shared store into this process's push hub. Runs
/// until graceful shutdown; when the store's connection drops, listens again after a pause.
struct CommitListener: Service {
    let store: any CommitAnnouncing
    let hub: PushHub
    let logger: Logger
    var retryDelay: Duration = .seconds(1)

    func run() async throws {
        let hub = hub
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.listenForCommits { bucket, cursor in hub.publish(bucket: bucket, version: cursor) }
                } catch {
                    guard !Task.isCancelled else { return }
                    logger.warning("listening for other processes' commits failed; listening again", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: retryDelay)
            }
        }
    }
}
