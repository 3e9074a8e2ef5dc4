import Foundation

/// Where a PostgreSQL database is: parsed from a URL such as
/// `postgres://user:password@127.0.0.1:5432/jht?sslmode=disable`.
///
/// `sslmode` is `disable`, `prefer` (the default, as with `libpq`) or `require`. The password
/// is kept for connecting only: ``redacted`` is what logs and error messages show.
public struct PostgresLocation: Hashable, Sendable {
    public enum TLSMode: String, Hashable, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` (or `postgresql://`) URL; the message of the error says what is wrong
    /// without repeating the password.
    public init(url text: String) throws {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw ConfigurationError(message: "the database URL is not a postgres://user@host:port/database URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ConfigurationError(message: "the database URL names no host (postgres://user@host:port/database)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw ConfigurationError(message: "the database URL names no user (postgres://user@host:port/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw ConfigurationError(message: "the database URL names no database (postgres://user@host:port/database)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw ConfigurationError(message: "the database URL's sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw ConfigurationError(message: "the database URL has an unknown option \(item.name) (only sslmode is read)")
            }
        }
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database.removingPercentEncoding ?? database,
            tls: tls
        )
    }

    /// The URL without its password, for logs and messages.
    public var redacted: String {
        let credentials = password == nil ? username : "\(username):***"
        let options = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(credentials)@\(host):\(port)/\(database)\(options)"
    }

    /// The same server and credentials, another database (tests create one database each).
    public func database(_ name: String) -> PostgresLocation {
        var location = self
        location.database = name
        return location
    }
}

/// Where the service keeps its data: a SQLite file (zero set-up) or a PostgreSQL database.
public enum DatabaseLocation: Hashable, Sendable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// A `postgres://` URL selects PostgreSQL; anything else is a SQLite file path.
    public init(_ text: String) throws {
        self = PostgresLocation.isURL(text) ? .postgres(try PostgresLocation(url: text)) : .sqlite(path: text)
    }

    /// What startup output shows: the SQLite path, or the PostgreSQL URL without its password.
    public var displayName: String {
        switch self {
        case .sqlite(let path): "SQLite: \(path)"
        case .postgres(let location): "PostgreSQL: \(location.redacted)"
        }
    }
}
