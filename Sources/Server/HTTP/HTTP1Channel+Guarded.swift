import HummingbirdCore
import NIOCore

extension HTTP1Channel.Configuration {
    /// HTTP/1 with the service's limits: idle connections close after
    /// ``RequestTimeouts/idleTimeout``, and every connection's requests pass a
    /// ``RequestGuardHandler`` (body limits, slow bodies).
    static func guarded(limits: BodyLimits, timeouts: RequestTimeouts) -> HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestGuardHandler(limits: limits, timeouts: timeouts)],
            idleTimeout: .nanoseconds(Int64(timeouts.idleTimeout * 1e9))
        )
    }
}
