/// How long the server waits for clients, so idle and slow ones cannot hold connections.
///
/// - A connection with no request under way is closed after ``idleTimeout`` (this also bounds
///   how long a request's headers may take to arrive).
/// - A request body gets ``bodyGracePeriod`` plus one second for every ``minimumBodyRate``
///   bytes that arrived (the rule of Apache's `mod_reqtimeout`); a body slower than that is cut
///   off and the connection closed. A phone on a poor network keeps what its tus upload sent
///   and resumes from there.
public struct RequestTimeouts: Sendable, Hashable {
    /// Seconds a connection may sit without a request under way.
    public var idleTimeout: Double
    /// Seconds any request body may take before its rate counts.
    public var bodyGracePeriod: Double
    /// Bytes per second a body must average after the grace period.
    public var minimumBodyRate: Double
    /// Seconds between checks of a body's progress.
    public var checkInterval: Double

    /// Idle connections live 75 s (longer than HTTP clients keep theirs, 60 s for
    /// AsyncHTTPClient, so a client never reuses one the server is closing); bodies get 20 s,
    /// then must average 512 bytes a second.
    public init(idleTimeout: Double = 75, bodyGracePeriod: Double = 20, minimumBodyRate: Double = 512, checkInterval: Double = 1) {
        self.idleTimeout = idleTimeout
        self.bodyGracePeriod = bodyGracePeriod
        self.minimumBodyRate = minimumBodyRate
        self.checkInterval = checkInterval
    }
}
