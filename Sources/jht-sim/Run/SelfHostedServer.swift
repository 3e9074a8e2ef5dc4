import Foundation
import Hummingbird
import Logging
import Server
import ServiceLifecycle

/// `--server self`: the service built in this process with the same `buildApplication` as
/// `jht-server`, on a fresh SQLite file in a temporary folder, with the demo data and the
/// population the scenario needs, listening on a free loopback port.
final class SelfHostedServer: Sendable {
    let url: String
    let folder: URL
    /// The service's clock (simulated when started with a clock start).
    let clock: ServiceClock
    private let task: Task<Void, any Error>
    private let group: ServiceGroup

    private init(url: String, folder: URL, clock: ServiceClock, task: Task<Void, any Error>, group: ServiceGroup) {
        self.url = url
        self.folder = folder
        self.clock = clock
        self.task = task
        self.group = group
    }

    /// Starts the server; with `simulatedClockStart` its clock is simulated from that instant.
    static func start(population: Int, simulatedClockStart: Date? = nil) async throws -> SelfHostedServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sim-server-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = ServerConfiguration(
            host: "127.0.0.1",
            port: 0,
            databasePath: folder.appendingPathComponent("jht-sync.sqlite").path,
            demo: true,
            blobsPath: folder.appendingPathComponent("blobs").path
        )
        configuration.demoPopulation = population
        configuration.simulatedClockStart = simulatedClockStart
        // Every simulated phone signs in from 127.0.0.1: limits per client address would
        // refuse the crowd (the per-person limits still hold).
        configuration.signIn.removeAddressLimits()
        var logger = Logger(label: "jht-sync")
        logger.logLevel = .error
        let dependencies = try ServerDependencies.live(for: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw SimulatorError("The in-process server stopped before it listened.")
        }
        return SelfHostedServer(url: "http://127.0.0.1:\(port)", folder: folder, clock: dependencies.clock, task: task, group: group)
    }

    /// Stops the server and deletes its folder. A request still finishing as the server stops
    /// (a document landing in the blob folder) can write into the folder while it is removed, so
    /// removal is tried again until the folder is gone (for at most five seconds).
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        for _ in 0..<50 {
            try? FileManager.default.removeItem(at: folder)
            guard FileManager.default.fileExists(atPath: folder.path) else { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
