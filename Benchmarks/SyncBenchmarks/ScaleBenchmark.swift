import ArgumentParser
import AsyncHTTPClient
import Foundation
import Synchronization

/// Push throughput with 1, 2 and 4 `jht-server` processes on one PostgreSQL database, measured
/// in one run, with what limits it: the CPU of each side (PostgreSQL's backends, the service's
/// processes, this load generator), WAL flushes, and what the backends wait for.
struct ScaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "One-mutation pushes through 1, 2, 4 jht-server processes on one PostgreSQL database."
    )

    @Option(help: "A PostgreSQL server to create the run's database on (postgres://user@host:port/postgres).")
    var postgres: String
    @Option(help: "Process counts to measure, in order.") var processes: [Int] = [1, 2, 4]
    @Option(help: "Phones pushing at once (each its own participant), spread over the processes.") var phones = 64
    @Option(help: "Seconds per measurement.") var seconds = 15.0
    @Option(help: "First port of the server processes.") var port = 18_600

    func run() async throws {
        let folder = try BenchFolder()
        defer { folder.remove() }
        let probe = try PostgresProbe.connect(postgres)
        let name = "jht_bench_scale"
        let database = try await probe.createDatabase(name)
        try await HTTPClient.withBench(connections: phones * 2) { client in
            var servers: [ServerProcess] = []
            defer { for server in servers { server.stop() } }
            func startServer() async throws {
                let index = servers.count
                servers.append(
                    try await ServerProcess.start(
                        port: port + index,
                        arguments: ["--database", database, "--blobs", folder.path("blobs-\(index)"), "--demo-population", "\(phones)"],
                        client: client
                    )
                )
            }
            try await startServer()
            var states = try await BenchPhone.signIn(members: 0..<phones, baseURL: servers[0].baseURL, client: client)
            print(
                "push throughput on PostgreSQL (\(postgres.split(separator: "@").last ?? "")), \(phones) phones, one-mutation pushes, \(format(seconds, 0)) s each"
            )
            var firstRate: Double?
            for count in processes {
                while servers.count < count { try await startServer() }
                let urls = servers.prefix(count).map { $0.baseURL + "/v1/sync/push" }
                states = try await PushLoad.run(states, urls: urls, duration: .seconds(2), client: client).phones  // warm-up
                let serverPIDs = servers.prefix(count).map(\.pid)
                let postgresPIDs = try await probe.serverPIDs()
                let self_ = getpid()
                func cpu(_ pids: [Int32]) -> Double { pids.compactMap { ProcessStats.read($0)?.cpuSeconds }.reduce(0, +) }
                let before = (
                    servers: cpu(serverPIDs), postgres: cpu(postgresPIDs), bench: cpu([self_]), machine: ProcessStats.machineCPU()
                )
                let countersBefore = try await probe.counters(database: name)
                let samples = Tally()
                let sampler = Task { await probe.sampleActivity(database: name, every: .milliseconds(50), into: samples) }
                let load = ProcessStats.loadAverage()
                let result = try await PushLoad.run(states, urls: urls, duration: .seconds(seconds), client: client)
                sampler.cancel()
                await sampler.value
                states = result.phones
                let counters = try await probe.counters(database: name) - countersBefore
                let machine = ProcessStats.machineCPU()
                let wall = result.seconds
                let serverCPU = (cpu(serverPIDs) - before.servers) / wall
                let postgresCPU = (cpu(postgresPIDs) - before.postgres) / wall
                let benchCPU = (cpu([self_]) - before.bench) / wall
                let busy = (machine.busy - before.machine.busy) / (machine.total - before.machine.total)
                let rate = Double(result.pushes) / wall
                firstRate = firstRate ?? rate
                print(
                    "\(count) process\(count == 1 ? "" : "es"): \(format(rate, 0)) pushes/s (\(format(rate / firstRate!, 2))x of 1), load average \(format(load, 2)) before"
                )
                print(
                    "  CPU in cores: jht-server \(format(serverCPU, 2)), postgres \(format(postgresCPU, 2)), load generator \(format(benchCPU, 2)); machine \(format(busy * 100, 0))% busy of \(ProcessInfo.processInfo.activeProcessorCount) cores"
                )
                print(
                    "  per push: postgres \(format(postgresCPU / rate * 1e6, 0)) us CPU, jht-server \(format(serverCPU / rate * 1e6, 0)) us CPU; commits \(format(Double(counters.commits) / wall, 0))/s"
                )
                print(
                    "  WAL: \(format(Double(counters.walSyncs) / wall, 0)) flushes/s (\(format(Double(counters.commits) / max(Double(counters.walSyncs), 1), 1)) commits per flush), \(format(counters.walSyncMillis / max(Double(counters.walSyncs), 1), 2)) ms each, \(format(counters.walBytes / Double(max(result.pushes, 1)), 0)) bytes per push"
                )
                let observed = samples.all
                let total = Double(observed.values.reduce(0, +))
                let busiest = observed.sorted { $0.value > $1.value }.prefix(6).map {
                    "\($0.key) \(format(Double($0.value) / max(total, 1) * 100, 0))%"
                }
                print("  backends (sampled every 50 ms): \(busiest.joined(separator: ", "))")
            }
        }
        await probe.dropDatabase(name)
        await probe.close()
    }
}
