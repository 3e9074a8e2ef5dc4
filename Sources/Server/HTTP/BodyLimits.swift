import HTTPTypes

/// The largest request body each route accepts, as the contract states it (`x-body-limit` on
/// every operation of `openapi/openapi.yaml`; a test holds the two together).
///
/// A larger body is refused with 413 `request.tooLarge` before it is read: at once when its
/// `Content-Length` says so (``BodyLimitMiddleware``), and otherwise when the bytes that arrive
/// pass the limit (``RequestGuardHandler`` cuts a chunked body off there).
public struct BodyLimits: Sendable {
    /// How much a route accepts.
    public enum Limit: Hashable, Sendable {
        /// At most this many bytes.
        case bytes(Int)
        /// A tus chunk: at most the announced upload limit (`Tus-Max-Size`, ``UploadLimits/maxBytes``).
        case uploadLimit
    }

    /// One operation of the contract: its method, its path as the contract writes it
    /// (`/v1/office/claims/{claimId}/pay`) and its limit.
    public struct Route: Hashable, Sendable {
        public var method: HTTPRequest.Method
        public var path: String
        public var limit: Limit

        init(_ method: HTTPRequest.Method, _ path: String, _ limit: Limit = BodyLimits.noBody) {
            self.method = method
            self.path = path
            self.limit = limit
        }
    }

    /// Operations without a body: none is read, but a stray one up to 1 KiB (the `{}` of a
    /// client that always sends JSON) is let through.
    static let noBody = Limit.bytes(1024)
    /// Sign-in, refresh and sign-out bodies and the staff sign-in form: a few short fields.
    static let small = Limit.bytes(4 * 1024)
    /// Office and fallback inputs: reasons and correction lists (at most 20 items of 500 characters).
    static let officeInput = Limit.bytes(64 * 1024)
    /// A push: up to 500 mutations (phones send 100 at a time).
    static let push = Limit.bytes(2 * 1024 * 1024)
    /// Finance's ledger postings: up to 500 postings of a few hundred bytes each.
    static let ledgerPostings = Limit.bytes(256 * 1024)
    /// Paths the contract does not have (they answer 404).
    static let unknownRoute = 16 * 1024

    /// Every operation of the contract.
    public static let routes: [Route] = [
        Route(.get, "/health"),
        Route(.get, "/ready"),
        Route(.get, "/metrics"),
        Route(.post, "/v1/auth/participant/code", small),
        Route(.post, "/v1/auth/officer/code", small),
        Route(.post, "/v1/auth/token", small),
        Route(.post, "/v1/auth/refresh", small),
        Route(.post, "/v1/auth/sign-out", small),
        Route(.get, "/v1/operations/clock"),
        Route(.post, "/v1/operations/clock", small),
        Route(.get, "/v1/me"),
        Route(.get, "/v1/config"),
        Route(.get, "/v1/branches"),
        Route(.get, "/v1/calendar/{year}"),
        Route(.get, "/v1/officers/me"),
        Route(.post, "/v1/sync/push", push),
        Route(.get, "/v1/sync/pull"),
        Route(.get, "/v1/sync/live"),
        Route(.get, "/v1/office/worklist"),
        Route(.get, "/v1/office/claims/{claimId}"),
        Route(.post, "/v1/office/claims/{claimId}/documents-complete"),
        Route(.post, "/v1/office/claims/{claimId}/correction", officeInput),
        Route(.post, "/v1/office/claims/{claimId}/verify"),
        Route(.post, "/v1/office/claims/{claimId}/approve"),
        Route(.post, "/v1/office/claims/{claimId}/return", officeInput),
        Route(.post, "/v1/office/claims/{claimId}/pay"),
        Route(.post, "/v1/office/claims/{claimId}/reject", officeInput),
        Route(.post, "/v1/office/ledger/postings", ledgerPostings),
        Route(.get, "/v1/office/kpis"),
        Route(.post, "/v1/office/staff-link"),
        Route(.get, "/staff"),
        Route(.get, "/staff/sign-in"),
        Route(.post, "/staff/sign-in", small),
        Route(.post, "/staff/sign-out"),
        Route(.get, "/v1/fallback/tickets"),
        Route(.get, "/v1/fallback/tickets/{ticketId}"),
        Route(.post, "/v1/fallback/tickets/{ticketId}/appointment", officeInput),
        Route(.put, "/v1/fallback/tickets/{ticketId}/appointment", officeInput),
        Route(.delete, "/v1/fallback/tickets/{ticketId}/appointment"),
        Route(.get, "/v1/fallback/availability"),
        Route(.get, "/v1/office/fallback/appointments"),
        Route(.get, "/v1/office/fallback/tickets/{ticketId}"),
        Route(.post, "/v1/office/fallback/tickets/{ticketId}/check-in"),
        Route(.post, "/v1/office/fallback/tickets/{ticketId}/decision", officeInput),
        Route(.post, "/v1/office/fallback/tickets/{ticketId}/no-show"),
        Route(.options, "/v1/uploads"),
        Route(.post, "/v1/uploads"),
        Route(.head, "/v1/uploads/{uploadID}"),
        Route(.patch, "/v1/uploads/{uploadID}", .uploadLimit),
        Route(.delete, "/v1/uploads/{uploadID}"),
        Route(.get, "/v1/claims/{claimID}/documents/{documentID}"),
    ]

    /// The announced upload limit, for ``Limit/uploadLimit``.
    let uploadMaxBytes: Int
    /// Routes by method and number of path segments; `nil` segments match any value.
    private let table: [HTTPRequest.Method: [Int: [(segments: [Substring?], limit: Int)]]]

    public init(uploadMaxBytes: Int64) {
        self.uploadMaxBytes = Int(clamping: uploadMaxBytes)
        var table: [HTTPRequest.Method: [Int: [(segments: [Substring?], limit: Int)]]] = [:]
        for route in Self.routes {
            let segments = route.path.split(separator: "/").map { $0.hasPrefix("{") ? nil : $0 }
            let limit =
                switch route.limit {
                case .bytes(let bytes): bytes
                case .uploadLimit: self.uploadMaxBytes
                }
            table[route.method, default: [:]][segments.count, default: []].append((segments, limit))
        }
        self.table = table
    }

    /// The limit of a request: its method and its path (a query string is ignored).
    public func limit(method: HTTPRequest.Method, path: String) -> Int {
        let pathOnly = path.firstIndex(of: "?").map { path[..<$0] } ?? path[...]
        let segments = pathOnly.split(separator: "/")
        guard let candidates = table[method]?[segments.count] else { return Self.unknownRoute }
        for candidate in candidates where zip(candidate.segments, segments).allSatisfy({ $0 == nil || $0 == $1 }) {
            return candidate.limit
        }
        return Self.unknownRoute
    }
}
