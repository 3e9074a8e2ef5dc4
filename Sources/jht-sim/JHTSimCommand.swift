import ArgumentParser
import Foundation
import Models
import Server

/// The participant simulator: phones, officers and bad networks against a JHT Sync server.
@main
struct JHTSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jht-sim",
        abstract: "Simulate participants' phones, officers and bad networks against a JHT Sync server.",
        discussion: """
            Scenarios: smoke (small, for tests), branch-day (Bandung Suci: 40,000 members, a daily quota of 100 \
            branch visits), surge (a wave of lay-offs), flaky-network (drops, duplicates, cuts mid-upload). \
            branch-week: the branch on the service's simulated clock (--days, --start, --officers-per-role, \
            --staffing 3-8 for a sweep). A run with the same --seed makes the same choices. The run exits with status 1 when any replica \
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

    @Option(help: "branch-week: working days on which claims arrive.")
    var days: Int?

    @Option(help: "branch-week: the first day (YYYY-MM-DD); 2026-03-16 crosses the Idul Fitri 2026 leave.")
    var start: String?

    @Option(help: "branch-week: working days the office goes on after the last arrivals.")
    var drainDays: Int?

    @Option(help: "branch-week: officers per role (1-\(DemoPopulation.officersPerRole)).")
    var officersPerRole: Int?

    @Option(help: "branch-week: claims one officer takes one step further in a working day.")
    var claimsPerOfficer: Int?

    @Option(help: "branch-week: app claims a working day.")
    var appClaims: Int?

    @Option(help: "branch-week: Lapak Asik claims a working day.")
    var lapakAsikClaims: Int?

    @Option(help: "branch-week: arrivals on the first working day are this many times the usual (a wave of lay-offs).")
    var surge: Double?

    @Option(help: "branch-week: scales arrivals, queue numbers and each officer's daily capacity alike (a smaller branch).")
    var scale: Double?

    @Flag(help: "branch-week: members who file nothing do not look at their balance.")
    var noMemberLooks = false

    @Option(help: "branch-week with --server self: run the week once per staffing level, e.g. 3-8 officers per role.")
    var staffing: String?

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

    /// The branch week's plan from the options (`nil` for other scenarios).
    func weekPlan() throws -> BranchWeekPlan? {
        guard scenario == .branchWeek else {
            let weekOnly: [Any?] = [
                days, start, drainDays, officersPerRole, claimsPerOfficer, appClaims, lapakAsikClaims, surge, staffing, scale,
            ]
            guard weekOnly.allSatisfy({ $0 == nil }), !noMemberLooks else {
                throw ValidationError("--days, --start, --officers-per-role and the other week options need --scenario branch-week.")
            }
            return nil
        }
        var plan = BranchWeekPlan.standard
        if let days { plan.days = days }
        if let start {
            guard let date = try? LocalDate(start) else { throw ValidationError("--start takes a date as YYYY-MM-DD, not \(start).") }
            plan.start = date
        }
        if let drainDays { plan.drainDays = drainDays }
        if let officersPerRole { plan.officersPerRole = officersPerRole }
        if let claimsPerOfficer { plan.claimsPerOfficerDay = claimsPerOfficer }
        if let appClaims { plan.appClaimsPerDay = appClaims }
        if let lapakAsikClaims { plan.lapakAsikPerDay = lapakAsikClaims }
        if let surge { plan.surge = surge }
        if noMemberLooks { plan.memberLookShare = 0 }
        if let scale {
            guard scale > 0, scale <= 10 else { throw ValidationError("--scale is more than 0 and at most 10.") }
            plan = plan.scaled(by: scale)
        }
        guard (1...60).contains(plan.days), (0...30).contains(plan.drainDays) else {
            throw ValidationError("--days is 1 to 60 and --drain-days 0 to 30.")
        }
        guard (1...DemoPopulation.officersPerRole).contains(plan.officersPerRole) else {
            throw ValidationError("--officers-per-role is 1 to \(DemoPopulation.officersPerRole).")
        }
        guard plan.claimsPerOfficerDay > 0, plan.appClaimsPerDay >= 0, plan.lapakAsikPerDay >= 0, plan.surge >= 0 else {
            throw ValidationError("Week figures cannot be negative, and an officer takes at least one claim a day.")
        }
        return plan
    }

    func run() async throws {
        let settings = try settings()
        let plan = try weekPlan()
        if server != "self", URL(string: server)?.scheme?.hasPrefix("http") != true {
            throw ValidationError("--server takes an http(s) URL or `self`.")
        }
        var results: RunResults
        if let staffing, let plan {
            guard server == "self" else { throw ValidationError("--staffing starts a fresh server per level: use --server self.") }
            guard let levels = StaffingSweep.levels(staffing), levels.lowerBound >= 1, levels.upperBound <= DemoPopulation.officersPerRole
            else {
                throw ValidationError(
                    "--staffing takes officers per role as LOW-HIGH within 1-\(DemoPopulation.officersPerRole), e.g. 3-8."
                )
            }
            var sweep: [StaffingLevel] = []
            var last: RunResults?
            for level in levels {
                var levelPlan = plan
                levelPlan.officersPerRole = level
                FileHandle.standardError.write(Data("Staffing level \(level) officers per role…\n".utf8))
                let run = try await once(settings: settings, plan: levelPlan)
                sweep.append(StaffingLevel(officersPerRole: level, results: run))
                last = run
            }
            results = last!
            results.staffing = sweep
        } else {
            results = try await once(settings: settings, plan: plan)
        }
        let folder = URL(fileURLWithPath: out ?? "sim-reports/\(scenario.rawValue)-seed\(seed)")
        _ = try ReportWriter.write(results, to: folder)
        let colour = ReportText.useColour(isTerminal: isatty(STDOUT_FILENO) == 1)
        print(ReportText.render(results, plotsFolder: folder.path, colour: colour))
        if !results.passed { throw ExitCode(1) }
    }

    /// One run against `--server` (or a fresh in-process server).
    func once(settings: SimSettings, plan: BranchWeekPlan?) async throws -> RunResults {
        var hosted: SelfHostedServer?
        if server == "self" {
            FileHandle.standardError.write(Data("Starting JHT Sync in process with \(settings.population) demo members…\n".utf8))
            hosted = try await SelfHostedServer.start(
                population: settings.population,
                simulatedClockStart: plan.map { WeekClock.instant($0.start, hour: 6) }
            )
        }
        let baseURL = hosted?.url ?? (server.hasSuffix("/") ? String(server.dropLast()) : server)
        do {
            var run = SimulationRun(scenario: scenario, settings: settings, seed: seed, baseURL: baseURL, showProgress: !noProgress)
            run.week = plan
            run.serviceClock = hosted?.clock
            let results = try await run.run()
            await hosted?.stop()
            return results
        } catch {
            await hosted?.stop()
            throw error
        }
    }
}
