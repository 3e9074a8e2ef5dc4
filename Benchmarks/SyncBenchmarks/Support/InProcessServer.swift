import Foundation
import Hummingbird
import Logging
import Server

/// An HTTP application running in this process on a port of its own: the service built as
/// `jht-server` builds it, or a bare baseline.
struct InProcessServer {
    let baseURL: String
    let task: Task<Void, any Error>

    /// Starts the service on `database` (a SQLite file or a PostgreSQL URL) in demo mode with
    /// `population` synthetic members seeded.
    static func service(database: String, blobs: String, population: Int) async throws -> InProcessServer {
        var logger = Logger(label: "bench-server")
        // Cancelling the server at the end logs its shutdown as errors: only a crash shows.
        logger.logLevel = .critical
        var configuration = ServerConfiguration(port: 0, databasePath: database, demo: true, blobsPath: blobs)
        configuration.demoPopulation = population
        let dependencies = try await ServerDependencies.open(for: configuration, logger: logger)
        let ports = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies) { port in
            ports.continuation.yield(port)
        }
        return try await run(app, ports: ports.stream)
    }

    /// Runs `app` until ``stop()``; `ports` yields the port it listens on.
    static func run(_ app: some ApplicationProtocol, ports: AsyncStream<Int>) async throws -> InProcessServer {
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchFailure("the server did not start") }
        return InProcessServer(baseURL: "http://127.0.0.1:\(port)", task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
