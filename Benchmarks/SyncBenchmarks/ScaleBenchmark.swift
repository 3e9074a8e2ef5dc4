import ArgumentParser
import AsyncHTTPClient
import Foundation
import Synchronization

/// Push throughput with 1, 2 and 4 `jht-server` processes on one PostgreSQL database, measured
/// in one run, with what limits it: the CPU of each side (PostgreSQL's backends, the service's
/// processes, this load generator), WAL flushes, and what the backends wait for.
///
/// With `--cores-per-process` and `--postgres-cores`, each server process and PostgreSQL get a
/// fixed CPU allowance (a control group each, `CPUGroup`), as nodes of that size would: on a
/// machine whose cores one process already fills, this shows whether throughput rises with
/// processes, and which allowance runs out first.
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
    @Option(help: "Cores each server process may use (a control group each, as a node of that size); all of the machine's when left out.")
    var coresPerProcess: Double?
    @Option(help: "Cores PostgreSQL may use (a control group for the postmaster and its processes); all of the machine's when left out.")
    var postgresCores: Double?

    func run() async throws {
        let folder = try BenchFolder()
        defer { folder.remove() }
        let probe = try PostgresProbe.connect(postgres)
        let name = "jht_bench_scale"
        let database = try await probe.createDatabase(name)
        var groups: [CPUGroup] = []
        defer { for group in groups { group.remove() } }
        var postgresGroup: CPUGroup?
        if let postgresCores {
            let group = try CPUGroup.create(name: "jht-bench-postgres", cores: postgresCores)
            groups.append(group)
            postgresGroup = group
            guard let backend = try await probe.serverPIDs().first, let postmaster = ProcessStats.parent(of: backend) else {
                throw BenchFailure("cannot find PostgreSQL's postmaster")
            }
            // Backends started later fork from the postmaster and start in its group.
            for pid in [postmaster] + ProcessStats.children(of: postmaster) { try group.add(pid) }
        }
        var serverGroups: [CPUGroup] = []
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
                if let coresPerProcess {
                    let group = try CPUGroup.create(name: "jht-bench-server-\(index)", cores: coresPerProcess)
                    groups.append(group)
                    serverGroups.append(group)
                    try group.add(servers[index].pid)
                }
            }
            try await startServer()
            var states = try await BenchPhone.signIn(members: 0..<phones, baseURL: servers[0].baseURL, client: client)
            print(
                "push throughput on PostgreSQL (\(postgres.split(separator: "@").last ?? "")), \(phones) phones, one-mutation pushes, \(format(seconds, 0)) s each"
            )
            if coresPerProcess != nil || postgresCores != nil {
                print(
                    "CPU allowances: \(coresPerProcess.map { "\(format($0, 2)) cores per server process" } ?? "server processes unlimited"), \(postgresCores.map { "\(format($0, 2)) cores for PostgreSQL" } ?? "PostgreSQL unlimited"); the load generator unlimited"
                )
            }
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
                let measuredGroups = Array(serverGroups.prefix(count))
                let throttlingBefore = (servers: measuredGroups.map { $0.throttling() }, postgres: postgresGroup?.throttling())
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
                if coresPerProcess != nil || postgresCores != nil {
                    func share(_ after: (periods: Int, throttled: Int), _ before: (periods: Int, throttled: Int)) -> Double {
                        Double(after.throttled - before.throttled) / Double(max(after.periods - before.periods, 1))
                    }
                    var limits: [String] = []
                    var line = "  allowances used:"
                    if let coresPerProcess {
                        let used = serverCPU / (coresPerProcess * Double(count))
                        let throttled =
                            zip(measuredGroups, throttlingBefore.servers).map { share($0.throttling(), $1) }.reduce(0, +) / Double(count)
                        line +=
                            " server processes \(format(used * 100, 0))% of \(format(coresPerProcess * Double(count), 2)) cores (throttled in \(format(throttled * 100, 0))% of periods)"
                        if throttled >= 0.5 { limits.append("the server processes' CPU") }
                    }
                    if let postgresCores, let postgresGroup, let before = throttlingBefore.postgres {
                        let throttled = share(postgresGroup.throttling(), before)
                        line +=
                            "\(coresPerProcess == nil ? "" : ";") PostgreSQL \(format(postgresCPU / postgresCores * 100, 0))% of \(format(postgresCores, 2)) cores (throttled in \(format(throttled * 100, 0))% of periods)"
                        if throttled >= 0.5 { limits.append("PostgreSQL's CPU") }
                    }
                    print(line)
                    // A side throttled in most periods has used up its allowance.
                    print(
                        "  limit: \(limits.isEmpty ? "no allowance is used up (the load generator or the machine)" : limits.joined(separator: " and "))"
                    )
                }
            }
        }
        await probe.dropDatabase(name)
        await probe.close()
    }
}
