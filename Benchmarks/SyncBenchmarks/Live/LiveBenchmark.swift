import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import Server
import SyncHTTP
import Synchronization

/// Live streams in the realistic shape: every stream its own participant, all held by a client
/// process of their own. Measures what one `jht-server` process holds per stream (beside a bare
/// Hummingbird SSE server holding as many, in the same run) and, with officers' actions arriving
/// at a steady rate (finance posting a contribution to a participant's ledger: one bucket
/// transaction and one poke each), how long a poke takes to reach its phone.
struct LiveBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Memory per held live stream and poke latency under officers' actions (run with ulimit -n 20000)."
    )

    @Option(help: "Streams to hold, each its own participant.") var streams = 19_000
    @Option(help: "Officers' actions per second.") var rate = 200.0
    @Option(help: "Seconds of actions.") var seconds = 30.0
    @Option(help: "Seconds to let the streams settle before reading memory.") var settle = 10.0
    @Option(help: "Port of the server processes.") var port = 18_700

    func run() async throws {
        raiseOpenFileLimit()
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        guard Int(limit.rlim_cur) >= streams + 200 else {
            throw ValidationError(
                "\(streams) streams need about \(streams + 200) open files; the limit is \(limit.rlim_cur) (ulimit -n 20000)."
            )
        }
        let folder = try BenchFolder()
        defer { folder.remove() }
        try await HTTPClient.withBench(connections: 512) { client in
            let load = ProcessStats.loadAverage()

            // The baseline: a bare Hummingbird SSE server holding as many streams.
            let bareProcess = Process()
            bareProcess.executableURL = Bundle.main.executableURL!
            bareProcess.arguments = ["bare-live", "--port", "\(port + 1)"]
            try bareProcess.run()
            let bareServer = ServerProcess(process: bareProcess, port: port + 1)
            defer { bareServer.stop() }
            try await bareServer.waitUntilReady(client: client, timeout: .seconds(60))
            let bare = try await hold(streams, on: bareServer, bare: true)
            bare.child.finish()
            bareServer.stop()
            print(
                "bare Hummingbird SSE: \(streams) streams, RSS \(mib(bare.before)) -> \(mib(bare.after)): \(kib(bare.perStream)) per stream"
            )

            // The service.
            let server = try await ServerProcess.start(
                port: port,
                arguments: [
                    "--database", folder.path("live.sqlite"), "--blobs", folder.path("blobs"), "--demo-population", "\(streams)",
                ],
                client: client
            )
            defer { server.stop() }
            let held = try await hold(streams, on: server, bare: false)
            print("jht-server: \(streams) streams, RSS \(mib(held.before)) -> \(mib(held.after)): \(kib(held.perStream)) per stream")

            let actions = try await OfficerActions.run(
                base: server.baseURL,
                members: Int(rate * seconds),
                of: streams,
                rate: rate,
                client: client,
                server: server.pid
            )
            try await Task.sleep(for: .seconds(3))  // the last pokes
            let arrivals = held.observer.state.withLock { $0.arrivals }
            let failures = held.observer.state.withLock { $0.failures }
            held.child.finish()
            server.stop()

            var latencies: [Double] = []
            for (member, sent) in actions.sent {
                if let arrived = arrivals[member], arrived > sent { latencies.append(Double(arrived - sent) / 1e9) }
            }
            let missing = actions.sent.count - latencies.count
            print(
                "live streams, each its own participant, held by a separate process (load average \(format(load, 2)) at the start)"
            )
            print(
                "  per stream: jht-server \(kib(held.perStream)), bare Hummingbird SSE \(kib(bare.perStream)): ratio \(format(held.perStream / bare.perStream, 2))"
            )
            print(
                "  officers' actions: \(actions.sent.count) at \(format(actions.achievedRate, 0))/s; answered p50 \(ms(percentile(actions.answers, 50))), p99 \(ms(percentile(actions.answers, 99)))"
            )
            print(
                "  poke at the phone after the action started: p50 \(ms(percentile(latencies, 50))), p99 \(ms(percentile(latencies, 99))), max \(ms(latencies.max() ?? .nan)) over \(latencies.count) pokes; \(missing) missing"
            )
            print(
                "  jht-server during the actions: \(format(actions.serverCPU, 2)) cores, RSS peak \(mib(Double(actions.peakRSS))); streams that failed: \(failures)"
            )
        }
    }

    struct Held {
        var child: ChildProcess
        var observer: PhonesObserver
        var before: Double
        var after: Double
        var count: Int
        var perStream: Double { (after - before) / Double(count) }
    }

    /// Opens `count` streams on `server` from a client process; the server's resident memory
    /// before and after.
    func hold(_ count: Int, on server: ServerProcess, bare: Bool) async throws -> Held {
        let observer = PhonesObserver()
        let child = try ChildProcess(["live-client", "--url", server.baseURL, "--streams", "\(count)"] + (bare ? ["--bare"] : [])) {
            observer.handle($0)
        }
        // A run that fails leaves no client process behind.
        guard await waitFor(.seconds(900), { observer.state.withLock(\.signedIn) }) else {
            child.finish()
            throw BenchFailure("the phones did not sign in")
        }
        try await Task.sleep(for: .seconds(3))
        let before = Double(ProcessStats.read(server.pid)?.residentBytes ?? 0)
        child.send("open")
        guard await waitFor(.seconds(900), { observer.state.withLock(\.ready) }) else {
            let (failures, first) = observer.state.withLock { ($0.failures, $0.firstFailure ?? "") }
            child.finish()
            throw BenchFailure("the streams did not all open (\(failures) failed; the first: \(first))")
        }
        try await Task.sleep(for: .seconds(settle))
        let after = Double(ProcessStats.read(server.pid)?.residentBytes ?? 0)
        return Held(child: child, observer: observer, before: before, after: after, count: count)
    }
}

/// What the phones' process reports, line by line.
final class PhonesObserver: Sendable {
    struct State {
        var signedIn = false
        var ready = false
        var failures = 0
        /// Why the first stream that failed did.
        var firstFailure: String?
        /// The first poke after the stream's first event, by member, on the monotonic clock.
        var arrivals: [Int: UInt64] = [:]
    }

    let state = Mutex(State())

    func handle(_ line: Substring) {
        let parts = line.split(separator: " ")
        state.withLock { state in
            switch parts.first {
            case "signed-in": state.signedIn = true
            case "ready": state.ready = true
            case "failed":
                state.failures += 1
                state.firstFailure = state.firstFailure ?? parts.dropFirst(2).joined(separator: " ")
            case "poke":
                if parts.count == 3, let member = Int(parts[1]), let nanos = UInt64(parts[2]), state.arrivals[member] == nil {
                    state.arrivals[member] = nanos
                }
            default: break
            }
        }
    }
}

func mib(_ bytes: Double) -> String { "\(format(bytes / 1_048_576, 0)) MiB" }
func kib(_ bytes: Double) -> String { "\(format(bytes / 1024, 1)) KiB" }
func ms(_ seconds: Double) -> String { "\(format(seconds * 1000, 1)) ms" }
