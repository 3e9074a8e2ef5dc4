import ArgumentParser

/// Sync benchmarks. Each prints its figure beside a baseline measured in the same run.
@main
struct SyncBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jht-bench",
        abstract: "Sync benchmarks: push ingest, poke latency and the ended-sign-in check.",
        subcommands: [PushIngestBenchmark.self, PokeLatencyBenchmark.self, SessionCheckBenchmark.self]
    )
}
