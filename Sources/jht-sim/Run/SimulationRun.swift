import AsyncHTTPClient
import Foundation
import Models
import NIOCore
import NIOHTTP1
import Server
import Synchronization

/// One run of a scenario against a server: officers at their desks, participants arriving
/// (no more than `concurrency` at once), progress on standard error, and the measured
/// ``RunResults`` at the end.
struct SimulationRun {
    let scenario: Scenario
    let settings: SimSettings
    let seed: UInt64
    let baseURL: String
    let showProgress: Bool
    /// The branch week's plan (`branch-week` only).
    var week: BranchWeekPlan?
    /// The in-process server's clock (`--server self`); a separate server's is driven over HTTP.
    var serviceClock: ServiceClock?

    /// The Bandung Suci officers and the roles their desks work (DemoData.officers).
    static let desks: [(String, OfficerDesk.Role)] = [
        ("1001", .cso), ("1005", .cso), ("1002", .backOffice), ("1003", .headOfService), ("1004", .finance),
    ]

    func run() async throws -> RunResults {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sim-\(seed)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(64, settings.concurrency * 2)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: pool))
        var livePool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(600))
        livePool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(64, settings.concurrency * 2 + 8)
        let liveClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: livePool))
        let metrics = RunMetrics()
        var context = RunContext(
            baseURL: baseURL,
            http: SimHTTP(baseURL: baseURL, client: client, metrics: metrics),
            client: client,
            liveClient: liveClient,
            settings: settings,
            seed: seed,
            metrics: metrics,
            folder: folder
        )
        var report: WeekReport?
        do {
            try await preflight(context)
            if let week {
                let clock: WeekClock
                if let serviceClock { clock = try WeekClock.inProcess(serviceClock) } else { clock = try await WeekClock.remote(context) }
                context.now = { clock.now() }
                context.followsLive = false
                report = try await BranchWeek(
                    plan: week,
                    context: context,
                    clock: clock,
                    progress: progressBar(total: BranchWeek.calendarDays(week))
                )
                .run()
            } else {
                try await work(context)
            }
        } catch {
            try? await client.shutdown()
            try? await liveClient.shutdown()
            throw error
        }
        try await client.shutdown()
        try await liveClient.shutdown()
        var results = results(metrics)
        results.week = report
        if let report {
            results.durationSeconds = report.wallSeconds
            results.participantsPlanned = results.participantsFinished
            // Against the day each claim was paid, not the day the run ended.
            results.paidClaims = report.paidClaims
            results.paidWithinSLA = report.paidClaims - report.paidLate
            results.openPastDue = report.openPastDue
        }
        return results
    }

    /// The progress line on standard error (silent without `showProgress`).
    func progressBar(total: Int) -> ProgressBar {
        let silent: @Sendable (String) -> Void = { _ in }
        return ProgressBar(
            total: total,
            label: scenario.rawValue,
            isTerminal: ProgressBar.standardErrorIsTerminal,
            output: showProgress ? ProgressBar.standardError : silent
        )
    }

    /// The server answers and knows the population this run needs.
    func preflight(_ context: RunContext) async throws {
        do {
            _ = try await context.http.send(.GET, "/health", family: "health")
        } catch {
            throw SimulatorError(
                "No JHT Sync server answers at \(baseURL): \(error). Start one (`swift run jht-server`) or use --server self."
            )
        }
        let last = DemoPopulation.member(settings.population - 1)
        do {
            _ = try await context.signIn(last, deviceID: "sim-preflight-\(seed)")
        } catch {
            throw SimulatorError(
                """
                The server does not know member \(settings.population - 1) of the demo population (\(error)). \
                Start it with `jht-server --demo-population \(settings.population) --no-address-limits`, or use --server self.
                """
            )
        }
    }

    /// Officers work while participants go through their day.
    func work(_ context: RunContext) async throws {
        let metrics = context.metrics
        var order = Array(0..<settings.population)
        var random = SimRandom(seed: seed, stream: 77)
        for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.int(0...index)) }
        let chosen = Array(order.prefix(settings.participants))
        let progress = progressBar(total: chosen.count)
        let staff = Task {
            await withTaskGroup(of: Void.self) { group in
                var desk = 0
                for _ in 0..<settings.desksPerOfficer {
                    for (number, role) in Self.desks {
                        desk += 1
                        let officer = OfficerDesk(employeeNumber: number, role: role, desk: desk, context: context)
                        group.addTask {
                            var officer = officer
                            await officer.run()
                        }
                    }
                }
                let counter = FallbackDesk(employeeNumber: "1001", context: context)
                group.addTask {
                    var counter = counter
                    await counter.run()
                }
            }
        }
        let sampler = Task {
            while !Task.isCancelled {
                metrics.sample()
                let figures = metrics.progress
                progress.update(
                    done: figures.finished,
                    counters: [
                        ("requests", figures.requests), ("pokes", figures.pokes), ("paid", figures.paid), ("problems", figures.problems),
                    ]
                )
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        let gap = settings.participants > 0 ? settings.arrivalSeconds / Double(settings.participants) : 0
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = chosen.makeIterator()
            var running = 0
            func start(_ index: Int) {
                group.addTask {
                    var journey = ParticipantJourney(member: DemoPopulation.member(index), context: context)
                    metrics.journeyEnded(await journey.run())
                }
            }
            while running < settings.concurrency, let index = next.next() {
                start(index)
                running += 1
                if gap > 0 { try await Task.sleep(for: .seconds(gap)) }
            }
            while try await group.next() != nil {
                if let index = next.next() {
                    start(index)
                    if gap > 0 { try await Task.sleep(for: .seconds(gap)) }
                }
            }
        }
        sampler.cancel()
        staff.cancel()
        _ = await staff.value
        metrics.sample()
        let figures = metrics.progress
        progress.finish(
            done: figures.finished,
            counters: [("requests", figures.requests), ("pokes", figures.pokes), ("paid", figures.paid)]
        )
    }

    func results(_ metrics: RunMetrics) -> RunResults {
        metrics.state.withLock { state in
            RunResults(
                scenario: scenario.rawValue,
                seed: seed,
                serverURL: baseURL,
                startedAt: metrics.started,
                durationSeconds: Date().timeIntervalSince(metrics.started),
                participantsPlanned: settings.participants,
                participantsFinished: state.finished,
                secondPhones: state.secondPhones,
                claimsByState: state.claims,
                journeyOutcomes: state.outcomes,
                paidClaims: state.paidClaims,
                paidWithinSLA: state.paidWithinSLA,
                openPastDue: state.openPastDue,
                statusLatenciesMillis: state.latencies,
                pullRoundTripMillis: state.pulls,
                syncBytesPerParticipant: Array(state.bytes.values).sorted(),
                conflictsByPolicy: state.conflicts,
                rejectionsByReason: state.rejections,
                timeline: state.timeline,
                fallback: state.fallback,
                faults: state.faults,
                requests: state.requests,
                divergences: state.divergences,
                missingAcknowledged: state.missing
            )
        }
    }
}

/// A run that cannot start or go on, said plainly.
struct SimulatorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
