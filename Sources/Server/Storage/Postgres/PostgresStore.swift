import Foundation
import Logging
import Models
import PostgresNIO

/// The shared store: one PostgreSQL database that several server processes use at once, through
/// a pool of connections (`PostgresClient`). Same contract as ``SQLiteStore``: every change of
/// several rows is one transaction.
///
/// A commit locks only its bucket's row (see ``lockBucket(_:on:logger:)``), so each bucket's
/// change-log positions follow its commit order across processes; each commit with writes is
/// then announced with `NOTIFY` (``CommitNotices``), so every process's push hub hears it.
public struct PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    let location: PostgresLocation
    /// This process's commits, on their way to the other processes.
    let notices: CommitNotices
    private let lifetime: ClientLifetime
    /// The cipher personal data is sealed with (its keys wrapped in the database by
    /// key-encryption keys that stay outside it).
    public let atRestKeys: AtRestKeys

    public var kind: String { "postgres" }

    /// Connects to `location`, creates or migrates the schema (sealing what an older version
    /// wrote in plain text), unwraps the data keys with `keyEncryption`, and starts the pool.
    ///
    /// One connection is opened first, on its own: a wrong address, user, password or database
    /// fails here at once with ``ConnectionError`` (a pool would quietly retry). The pool runs in
    /// a task the store owns until ``shutdown()`` or until the last copy of the store goes away.
    public static func connect(
        to location: PostgresLocation,
        maximumConnections: Int = 20,
        keyEncryption: KeyEncryptionKeyRing,
        logger: Logger
    ) async throws -> PostgresStore {
        let first = try await openConnection(to: location, logger: logger)
        let cipher: AtRestCipher
        do {
            let sealedNow = try await PostgresSchema.migrate(on: first, keyEncryption: keyEncryption, logger: logger)
            if sealedNow { try await compactAfterSealing(on: first, logger: logger) }
            cipher = try await loadOrCreateDataKeys(on: first, with: keyEncryption, logger: logger)
        } catch {
            try? await first.close()
            throw ConnectionError(location: location, doing: "migrating the schema", error: error)
        }
        try? await first.close()
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: try clientTLS(location.tls)
        )
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let notices = CommitNotices()
        let task = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                group.addTask { await notices.run(on: client, logger: logger) }
            }
        }
        return PostgresStore(
            client: client,
            logger: logger,
            location: location,
            notices: notices,
            lifetime: ClientLifetime(task: task),
            atRestKeys: AtRestKeys(cipher)
        )
    }

    /// Closes the pool's connections; the store cannot be used after.
    public func shutdown() async {
        lifetime.task.cancel()
        await lifetime.task.value
    }

    public func ping() async throws {
        _ = try await rows("SELECT 1")
    }

    /// Opens one connection, outside the pool, turning a failure into a message an operator can act on.
    static func openConnection(to location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        let configuration = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: tls
        )
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw ConnectionError(location: location, doing: "connecting", error: error)
        }
    }

    private static func clientTLS(_ mode: PostgresLocation.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }
}

extension PostgresStore {
    /// A database that cannot be reached or used: where (without the password), what was being
    /// done, and PostgreSQL's own reason.
    public struct ConnectionError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        init(location: PostgresLocation, doing action: String, error: any Error) {
            message = "PostgreSQL at \(location.redacted): failed \(action): \(PostgresStore.reason(error))"
        }
    }

    /// PostgreSQL's reason for a failure, without the query or its values (`PSQLError` hides
    /// everything by default; its server message and connection error are safe to show).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// A failure caused by the request's own text becomes a validation error (a 400 problem,
    /// never a 500): PostgreSQL's `text` cannot hold U+0000, which SQLite would store.
    static func translated(_ error: any Error) -> any Error {
        switch (error as? PSQLError)?.serverInfo?[.sqlState] {
        case "22021", "22P05":  // character_not_in_repertoire, untranslatable_character
            ValueError(code: "text.unstorable", field: "", message: "Text in the request holds a character that cannot be stored (U+0000).")
        default:
            error
        }
    }

    /// Whether `error` is PostgreSQL refusing a duplicate key (a concurrent insert won).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}

/// Owns the task that runs the client's pool: cancelling it closes every connection.
private final class ClientLifetime: Sendable {
    let task: Task<Void, Never>

    init(task: Task<Void, Never>) { self.task = task }

    deinit { task.cancel() }
}

// Running queries: single statements on the pool, several in one transaction on one connection.
extension PostgresStore {
    /// Every row of one statement.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw Self.translated(error)
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws (the error is rethrown as it was).
    func transaction<T: Sendable>(
        readOnly: Bool = false,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = logger
        // A read of several statements sees one snapshot, as a SQLite read transaction does.
        let begin: PostgresQuery = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
        return try await client.withConnection { connection in
            try await connection.query(begin, logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                do {
                    try await connection.query("ROLLBACK", logger: logger)
                } catch {
                    // A connection that cannot roll back is closed; the pool replaces it.
                    try? await connection.close()
                }
                throw Self.translated(error)
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }
}

extension PostgresConnection {
    /// Every row of one statement, inside the caller's transaction.
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}
