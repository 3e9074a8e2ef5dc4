import Foundation
import Synchronization

/// This benchmark run again as a child process (`jht-bench <subcommand>`), talking by lines:
/// each line it prints goes to `onLine` (on a reader thread), lines sent go to its standard
/// input, and closing its standard input asks it to finish.
final class ChildProcess: Sendable {
    let process: Process
    private let input: Pipe

    init(_ arguments: [String], onLine: @escaping @Sendable (Substring) -> Void) throws {
        let process = Process()
        process.executableURL = Bundle.main.executableURL!
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        self.process = process
        self.input = input
        let reader = output.fileHandleForReading
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    onLine(Substring(line))
                }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes its standard input and waits for it to exit.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Waits until `condition` holds, checking every 50 ms; false after `timeout`.
func waitFor(_ timeout: Duration, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}
