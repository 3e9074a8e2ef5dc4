import Foundation
import Synchronization

/// A real `jht-server` process, as an operator starts it, on a loopback port it picks itself.
/// Everything it writes (standard output and error: the log) is kept for the log scan.
final class ServerUnderTest: @unchecked Sendable {
    let process: Process
    let url: String
    let port: Int
    private let output: Output

    /// What the process wrote, kept across restarts of the same database.
    final class Output: Sendable {
        private let bytes = Mutex<[UInt8]>([])
        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
        func append(_ data: Data) { bytes.withLock { $0.append(contentsOf: data) } }
    }

    private init(process: Process, port: Int, output: Output) {
        self.process = process
        self.port = port
        self.url = "http://127.0.0.1:\(port)"
        self.output = output
    }

    /// The `jht-server` of the same build as the tests (`.build/debug/jht-server`, beside the
    /// test bundle on Linux).
    static var binary: URL {
        get throws {
            let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            let binary = bundle.deletingLastPathComponent().appendingPathComponent("jht-server")
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw RawConnectionError("no jht-server beside \(bundle.path); build it first (swift build).")
            }
            return binary
        }
    }

    /// Starts `jht-server` with `arguments` on `port` (0: one it picks) and waits until it says
    /// where it listens.
    static func start(
        _ arguments: [String],
        port: Int = 0,
        output: Output = Output(),
        environment: [String: String] = [:]
    ) async throws
        -> ServerUnderTest
    {
        let process = Process()
        process.executableURL = try binary
        process.arguments = ["--port", "\(port)"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let range = output.text.range(of: #"listening on http://127\.0\.0\.1:\d+"#, options: .regularExpression),
                let port = Int(output.text[range].split(separator: ":").last ?? "")
            {
                return ServerUnderTest(process: process, port: port, output: output)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { process.terminate() }
        throw RawConnectionError("jht-server did not say where it listens; it wrote: \(output.text.suffix(2000))")
    }

    /// Everything the process (and earlier processes sharing its output) wrote.
    var log: String { output.text }
    var sharedOutput: Output { output }

    /// The process's resident memory, from /proc.
    var residentBytes: Int {
        get throws {
            let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
            else { throw RawConnectionError("no VmRSS in /proc/\(process.processIdentifier)/status") }
            return kilobytes * 1024
        }
    }

    /// `kill -9`: no shutdown, no flush, nothing.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM: the graceful shutdown.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
