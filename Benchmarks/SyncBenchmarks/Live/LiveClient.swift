import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import PhoneSync
import Sync
import SyncHTTP
import Synchronization

/// The phones' side of the live benchmark, in a process of its own: signs members in, opens
/// one live stream per member, and reports on standard output when every stream has its first
/// event (`ready`) and each later poke with its arrival (`poke MEMBER NANOS`, on the machine's
/// monotonic clock). Waits for `open` on standard input before opening streams, and exits when
/// standard input closes.
struct LiveClient: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-client",
        abstract: "Internal: live streams for `live`.",
        shouldDisplay: false
    )

    @Option(help: "The server.") var url: String
    @Option(help: "Streams to open: members 0..<streams of the demo population.") var streams: Int
    @Flag(help: "A bare SSE server: no sign-in, any path answers.") var bare = false

    func run() async throws {
        raiseOpenFileLimit()
        let output = LineWriter()
        try await HTTPClient.withBench(connections: streams + 64) { client in
            var tokens: [String] = Array(repeating: "", count: streams)
            if !bare {
                let phones = try await BenchPhone.signIn(members: 0..<streams, baseURL: url, client: client, concurrency: 32, tag: "live")
                tokens = phones.map(\.accessToken)
            }
            output.line("signed-in")
            guard await standardInputLine() == "open" else { return }
            let ready = Counter()
            // Streams that have their first event or failed: at most `opening` wait for theirs at
            // once, as phones coming online would, so no stream waits for a connection longer
            // than the client's connect timeout on a busy machine.
            let settled = Counter()
            let opening = 256
            var listeners: [Task<Void, Never>] = []
            listeners.reserveCapacity(streams)
            for member in 0..<streams {
                while member - settled.value >= opening { try await Task.sleep(for: .milliseconds(5)) }
                let stream = LiveStream(baseURL: url, client: client).pokes(after: .start, accessToken: tokens[member])
                let total = streams
                listeners.append(
                    Task {
                        var first = true
                        do {
                            for try await _ in stream {
                                if first {
                                    first = false
                                    _ = settled.increment()
                                    if ready.increment() == total { output.line("ready") }
                                } else {
                                    output.line("poke \(member) \(monotonicNanos())")
                                }
                            }
                        } catch {
                            if first { _ = settled.increment() }
                            output.line("failed \(member) \(error)")
                        }
                    }
                )
            }
            // Standard input closes when the benchmark is done.
            while await standardInputLine() != nil {}
            for listener in listeners { listener.cancel() }
        }
    }
}

/// Whole lines to standard output from many tasks, flushed at once.
final class LineWriter: Sendable {
    private let lock = Mutex(())

    func line(_ text: String) {
        lock.withLock { _ in
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }
}

/// The next line of standard input (`nil` at its end), read on a thread of its own so the
/// tasks that receive pokes keep every thread of the pool.
func standardInputLine() async -> String? {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: readLine()) }
    }
}

/// Lifts the soft open-file limit to the hard one (`ulimit -n` sets both).
func raiseOpenFileLimit() {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}
