import Logging
import PostgresNIO

/// A statement the store runs on every push, pull or account read: prepared once on each
/// connection (a named statement on the server, parsed and planned once) and then only bound
/// and executed. Each is a type with its SQL, `$1`, `$2`, ... for its values.
protocol PreparedSQL {
    static var sql: String { get }
}

/// A ``PreparedSQL`` with its values, as PostgresNIO runs prepared statements.
struct PreparedQuery<Text: PreparedSQL>: PostgresPreparedStatement {
    typealias Row = PostgresRow

    static var name: String { "jht." + String(describing: Text.self) }
    static var sql: String { Text.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

extension PostgresStore {
    /// Every row of the prepared statement `text` with `values`, on a connection of the pool.
    @discardableResult
    func rows<Text: PreparedSQL, each Value: PostgresThrowingDynamicTypeEncodable>(
        _ text: Text.Type,
        _ values: repeat each Value
    ) async throws -> [PostgresRow] {
        var bindings = PostgresBindings()
        for value in repeat each values { try bindings.append(value) }
        do {
            var rows: [PostgresRow] = []
            for try await row in try await client.execute(PreparedQuery<Text>(bindings: bindings), logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw Self.translated(error)
        }
    }
}

extension PostgresConnection {
    /// Every row of the prepared statement `text` with `values`, inside the caller's transaction.
    @discardableResult
    func rows<Text: PreparedSQL, each Value: PostgresThrowingDynamicTypeEncodable>(
        _ text: Text.Type,
        _ values: repeat each Value,
        logger: Logger
    ) async throws -> [PostgresRow] {
        var bindings = PostgresBindings()
        for value in repeat each values { try bindings.append(value) }
        return try await rows(text, bindings: bindings, logger: logger)
    }

    /// Every row of the prepared statement `text` with values already bound (some may be null).
    @discardableResult
    func rows<Text: PreparedSQL>(_ text: Text.Type, bindings: PostgresBindings, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await execute(PreparedQuery<Text>(bindings: bindings), logger: logger) { rows.append(row) }
        return rows
    }
}
