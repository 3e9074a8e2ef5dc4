import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A `jht-server` process (the one built beside this benchmark), on a port of its own.
struct ServerProcess {
    let process: Process
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    /// Starts `jht-server` with `arguments` on `port` and waits until it answers `/ready`.
    /// Every benchmark phone signs in from 127.0.0.1, so the limits per client address are off
    /// (the per-person limits stay).
    static func start(port: Int, arguments: [String], client: HTTPClient, timeout: Duration = .seconds(600)) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = sibling("jht-server")
        process.arguments = ["--port", "\(port)", "--log-level", "error", "--no-address-limits"] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let server = ServerProcess(process: process, port: port)
        try await server.waitUntilReady(client: client, timeout: timeout)
        return server
    }

    /// An executable built beside this one.
    static func sibling(_ name: String) -> URL {
        Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent(name)
    }

    func waitUntilReady(client: HTTPClient, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw BenchFailure("jht-server on port \(port) exited (\(process.terminationStatus))") }
            if let response = try? await client.execute(HTTPClientRequest(url: baseURL + "/ready"), timeout: .seconds(1)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchFailure("jht-server did not become ready on port \(port)")
    }

    /// Stops the process (SIGTERM: a graceful shutdown) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
