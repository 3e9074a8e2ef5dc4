import Foundation
import Logging
import ServiceLifecycle

/// Runs ``FallbackService/sweepNoShows(limit:)`` now and then, until the server shuts down.
struct NoShowSweeper: Service {
    let fallback: FallbackService
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await fallback.sweepNoShows()
                } catch {
                    fallback.logger.error("no-show sweep failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
