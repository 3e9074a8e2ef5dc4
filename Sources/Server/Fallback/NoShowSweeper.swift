import Foundation
import Logging
import ServiceLifecycle

/// Runs ``FallbackService/sweepNoShows(limit:)`` now and then, until the server shuts down.
struct NoShowSweeper: Service {
    let fallback: FallbackService
    let interval: Duration
    /// The clock the sweeps wait on (a simulated one runs them as it is advanced).
    var clock: ServiceClock = .system

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in clock.ticks(every: interval) {
                do {
                    try await fallback.sweepNoShows()
                } catch {
                    fallback.logger.error("no-show sweep failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        }
    }
}
