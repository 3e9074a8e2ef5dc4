import ArgumentParser
import Foundation

/// The participant simulator: phones, officers and bad networks against a JHT Sync server.
@main
struct JHTSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jht-sim",
        abstract: "Simulate participants' phones, officers and bad networks against a JHT Sync server.",
        discussion: """
            Scenarios: smoke (small, for tests), branch-day (Bandung Suci: 40,000 members, a daily quota of 100 \
            branch visits), surge (a wave of lay-offs), flaky-network (drops, duplicates, cuts mid-upload). \
            A run with the same --seed makes the same choices. The run exits with status 1 when any replica \
            differs from the server or an acknowledged change is missing.
            """
    )

    @Option(help: "The scenario: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: Scenario = .smoke

    @Option(help: "Seed of every random choice; the same seed repeats the run's choices.")
    var seed: UInt64 = 1

    @Option(help: "The server's base URL, or `self` to start one in this process (fresh SQLite, demo data).")
    var server = "http://127.0.0.1:8080"

    @Option(help: "Participants who use the app during the run (the scenario's number when left out).")
    var participants: Int?

    @Option(help: "Members the server knows (`jht-server --demo-population`); participants are drawn from them.")
    var population: Int?

    @Option(help: "Journeys under way at once.")
    var concurrency: Int?

    @Option(help: "Chance that one face check fails (0-1).")
    var faceFailureRate: Double?

    @Option(help: "Chance that a participant also uses a second phone (0-1).")
    var secondPhoneRate: Double?

    @Option(help: "Chance per step of an offline spell (0-1).")
    var offlineRate: Double?

    @Option(help: "Chance per step that the app is killed (0-1).")
    var killRate: Double?

    @Option(help: "Chance per request that it or its answer is lost (0-1).")
    var dropRate: Double?

    @Option(help: "Chance per upload chunk that the connection is cut (0-1).")
    var uploadCutRate: Double?

    @Option(help: "Seconds a phone follows its claim on the live stream before the journey ends.")
    var followSeconds: Double?

    @Option(help: "Folder for report.txt, report.json and the SVG plots (default: sim-reports/SCENARIO-seedSEED).")
    var out: String?

    @Flag(help: "No progress line on standard error.")
    var noProgress = false

    func settings() throws -> SimSettings {
        var settings = scenario.settings
        if let participants { settings.participants = participants }
        if let population { settings.population = population }
        if let concurrency { settings.concurrency = concurrency }
        if let faceFailureRate { settings.faceFailureRate = faceFailureRate }
        if let secondPhoneRate { settings.secondPhoneRate = secondPhoneRate }
        if let offlineRate { settings.offlineRate = offlineRate }
        if let killRate { settings.killRate = killRate }
        if let dropRate { settings.dropRate = dropRate }
        if let uploadCutRate { settings.uploadCutRate = uploadCutRate }
        if let followSeconds { settings.followSeconds = followSeconds }
        settings.population = max(settings.population, settings.participants)
        guard settings.participants > 0, settings.concurrency > 0 else {
            throw ValidationError("--participants and --concurrency must be at least 1.")
        }
        guard settings.population <= 999_000 else { throw ValidationError("--population is at most 999,000.") }
        let rates = [
            settings.faceFailureRate, settings.secondPhoneRate, settings.offlineRate, settings.killRate, settings.dropRate,
            settings.uploadCutRate,
        ]
        guard rates.allSatisfy({ (0...1).contains($0) }) else { throw ValidationError("Rates are between 0 and 1.") }
        guard settings.followSeconds >= 0 else { throw ValidationError("--follow-seconds cannot be negative.") }
        return settings
    }

    func run() async throws {
        let settings = try settings()
        var hosted: SelfHostedServer?
        if server == "self" {
            FileHandle.standardError.write(Data("Starting JHT Sync in process with \(settings.population) demo members…\n".utf8))
            hosted = try await SelfHostedServer.start(population: settings.population)
        } else if URL(string: server)?.scheme?.hasPrefix("http") != true {
            throw ValidationError("--server takes an http(s) URL or `self`.")
        }
        let baseURL = hosted?.url ?? (server.hasSuffix("/") ? String(server.dropLast()) : server)
        let results: RunResults
        do {
            results = try await SimulationRun(
                scenario: scenario,
                settings: settings,
                seed: seed,
                baseURL: baseURL,
                showProgress: !noProgress
            ).run()
        } catch {
            await hosted?.stop()
            throw error
        }
        await hosted?.stop()
        let folder = URL(fileURLWithPath: out ?? "sim-reports/\(scenario.rawValue)-seed\(seed)")
        _ = try ReportWriter.write(results, to: folder)
        let colour = ReportText.useColour(isTerminal: isatty(STDOUT_FILENO) == 1)
        print(ReportText.render(results, plotsFolder: folder.path, colour: colour))
        if !results.passed { throw ExitCode(1) }
    }
}
