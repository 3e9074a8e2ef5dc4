import ServiceLifecycle

/// Keeps idle live streams open: every stream hears a heartbeat once per `interval`, the
/// streams beaten a slice at a time (one slice a second by default) so the work is spread
/// evenly, by this one job instead of a timer per stream.
struct LiveHeartbeat: Service {
    let hub: PushHub
    var interval: Duration = .seconds(15)
    var slices = 15

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var slice = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / slices)
                guard !Task.isCancelled else { return }
                hub.heartbeat(slice, of: slices)
                slice = (slice + 1) % slices
            }
        }
    }
}
