/// The rules an HTTP/1 connection's requests keep while they are read, as a value-type state
/// machine: events in (parts of requests, ends of responses, clock ticks), actions out. No I/O;
/// ``RequestGuardHandler`` carries the actions out on the channel.
///
/// - A body that passes its route's limit is cut off there: nothing more is passed on and the
///   body fails with ``RequestCutOff/tooLarge``, so whatever reads it answers 413. A body whose
///   `Content-Length` is already too large is not read at all (``BodyLimitMiddleware`` answers).
/// - A body slower than ``RequestTimeouts`` allows fails with ``RequestCutOff/tooSlow`` and the
///   connection closes.
/// - The connection of a cut-off body closes once its response is written, instead of reading
///   the rest: an endless body costs nothing more. A body that stays within its limit is read to
///   its end even when the answer came first (a 401, say), so the connection stays usable.
struct RequestGuard: Sendable {
    /// Where the request being read stands.
    enum Phase: Hashable, Sendable {
        /// No request body under way.
        case waiting
        /// Reading a body: its limit, the bytes so far, when its head arrived (nanoseconds).
        case reading(limit: Int, received: Int, since: UInt64)
        /// The body was cut off; `failed` once its reader has been told.
        case cutOff(RequestCutOff, failed: Bool)
    }

    /// What the handler does.
    enum Action: Hashable, Sendable {
        /// Pass the part on.
        case forward
        /// Drop the part.
        case drop
        /// Drop the part and fail the body with this reason.
        case fail(RequestCutOff)
        /// Fail the body with this reason, then close the connection.
        case failAndClose(RequestCutOff)
        /// Close the connection (its response is written).
        case close
        /// Nothing to do.
        case none
    }

    let timeouts: RequestTimeouts
    private(set) var phase = Phase.waiting
    /// Requests whose head arrived, and responses written in full. HTTP/1 answers in order, so
    /// the request being read has its answer when the two are equal.
    private(set) var requests = 0
    private(set) var responses = 0

    init(timeouts: RequestTimeouts) { self.timeouts = timeouts }

    /// A request head with the route's limit and the announced length, if any.
    mutating func head(limit: Int, contentLength: Int?, now: UInt64) -> Action {
        requests += 1
        if let contentLength, contentLength > limit {
            phase = .cutOff(.tooLarge(limit: limit), failed: false)
        } else {
            phase = .reading(limit: limit, received: 0, since: now)
        }
        return .forward
    }

    /// A piece of a request body.
    mutating func body(bytes: Int) -> Action {
        switch phase {
        case .waiting:
            return .forward
        case .reading(let limit, let received, let since):
            guard received + bytes > limit else {
                phase = .reading(limit: limit, received: received + bytes, since: since)
                return .forward
            }
            return cut(.tooLarge(limit: limit))
        case .cutOff(let reason, failed: false):
            return cut(reason)
        case .cutOff(_, failed: true):
            return .drop
        }
    }

    /// The end of a request.
    mutating func end() -> Action {
        if case .cutOff = phase { return .drop }
        phase = .waiting
        return .forward
    }

    /// A response was written in full.
    mutating func responseEnded() -> Action {
        responses += 1
        guard responses == requests, case .cutOff = phase else { return .none }
        return .close
    }

    /// The clock: a body that arrives too slowly is cut off.
    mutating func tick(now: UInt64) -> Action {
        guard case .reading(_, let received, let since) = phase else { return .none }
        let allowed = timeouts.bodyGracePeriod + Double(received) / timeouts.minimumBodyRate
        guard Double(now &- since) / 1e9 > allowed else { return .none }
        phase = .cutOff(.tooSlow, failed: true)
        return .failAndClose(.tooSlow)
    }

    /// A body is being read, so the clock matters.
    var isReadingBody: Bool {
        if case .reading = phase { return true }
        return false
    }

    private mutating func cut(_ reason: RequestCutOff) -> Action {
        phase = .cutOff(reason, failed: true)
        // Answered already (the reader did not wait for the body): nothing will close it later.
        return responses == requests ? .failAndClose(reason) : .fail(reason)
    }
}

/// Why a request body was cut off before its end.
public enum RequestCutOff: Error, Hashable, Sendable {
    /// It passed its route's limit.
    case tooLarge(limit: Int)
    /// It arrived more slowly than the server allows.
    case tooSlow
}
