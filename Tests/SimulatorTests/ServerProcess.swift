import Foundation
import Testing

/// A real `jht-server` process on a loopback port, with a fresh SQLite file, the demo data and
/// a demo population, as an operator would start it. The port is read from its first line.
final class ServerProcess: @unchecked Sendable {
    let url: String
    let process: Process
    let folder: URL

    private init(url: String, process: Process, folder: URL) {
        self.url = url
        self.process = process
        self.folder = folder
    }

    /// The `jht-server` built beside the test bundle.
    static var binary: URL {
        get throws {
            let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var folder = testBundle.deletingLastPathComponent()
            while folder.path != "/" {
                let candidate = folder.appendingPathComponent("jht-server")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw ServerProcessError("jht-server was not found beside \(testBundle.path); build it first (swift build).")
        }
    }

    static func start(population: Int) async throws -> ServerProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sim-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try binary
        process.arguments = [
            "--port", "0",
            "--database", folder.appendingPathComponent("jht-sync.sqlite").path,
            "--blobs", folder.appendingPathComponent("blobs").path,
            "--demo-population", "\(population)",
            "--log-level", "error",
            "--no-address-limits",  // every simulated phone comes from 127.0.0.1
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let reader = output.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            let data = reader.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"listening on (http://127\.0\.0\.1:\d+)"#, options: .regularExpression) {
                let url = String(text[range].dropFirst("listening on ".count))
                // Keep draining the pipe so the server never blocks on a full one.
                reader.readabilityHandler = { handle in _ = handle.availableData }
                return ServerProcess(url: url, process: process, folder: folder)
            }
        }
        process.terminate()
        throw ServerProcessError("jht-server did not say where it listens; it printed: \(text)")
    }

    /// Stops the server (SIGTERM, a graceful shutdown) and deletes its files.
    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
