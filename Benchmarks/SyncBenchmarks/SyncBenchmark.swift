import ArgumentParser

/// Sync benchmarks. Each prints its figure beside a baseline measured in the same run.
@main
struct SyncBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jht-bench",
        abstract: "Sync benchmarks, each beside a baseline measured in the same run (BENCHMARKS.md).",
        subcommands: [
            PushBenchmark.self, BatchBenchmark.self, ScaleBenchmark.self, LiveBenchmark.self, ContributionsBenchmark.self,
            SessionCheckBenchmark.self, LiveClient.self, BareLiveServer.self,
        ]
    )
}
