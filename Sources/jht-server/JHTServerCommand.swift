import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Models
import Server

/// `jht-server` runs the service (``Serve``, the default); `jht-server keys ...` looks after its
/// signing keys.
@main
struct JHTServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jht-server",
        abstract: "Run the JHT Sync service (embedded SQLite or PostgreSQL, demo data by default).",
        subcommands: [Serve.self, KeysCommand.self],
        defaultSubcommand: Serve.self
    )
}

/// Runs the JHT Sync service. With no options: demo mode on an embedded SQLite file.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the service (what jht-server does with no subcommand)."
    )

    @Option(help: "Address to listen on.")
    var host = ProcessInfo.processInfo.environment["JHT_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = Int(ProcessInfo.processInfo.environment["JHT_PORT"] ?? "") ?? 8080

    @Option(help: "SQLite database file, or a postgres://user@host:port/database URL (schema created on start).")
    var database = ProcessInfo.processInfo.environment["JHT_DATABASE"] ?? "data/jht-sync.sqlite"

    @Option(help: "Signing key file (created, mode 0600, when missing); default: beside the SQLite database. JHT_SIGNING_KEYS wins.")
    var signingKeys = ProcessInfo.processInfo.environment["JHT_SIGNING_KEYS_FILE"]

    @Option(help: "Folder of the document blob store (content-addressed).")
    var blobs = ProcessInfo.processInfo.environment["JHT_BLOBS"] ?? "data/blobs"

    @Flag(inversion: .prefixedNo, help: "Seed demo data into an empty database and accept the fixed demo sign-in code.")
    var demo = ProcessInfo.processInfo.environment["JHT_DEMO"].map { $0 != "0" } ?? true

    @Option(help: "Demo mode: also seed this many synthetic Bandung Suci members (for jht-sim and load runs).")
    var demoPopulation = Int(ProcessInfo.processInfo.environment["JHT_DEMO_POPULATION"] ?? "") ?? 0

    @Option(
        help: ArgumentHelp(
            "Demo mode: run on a simulated clock standing at this instant (RFC 3339, or a date for 07:00 WIB).",
            discussion: "Time then moves only through POST /v1/operations/clock (jht-sim's branch week drives it)."
        )
    )
    var simulatedClock: String?

    @Option(help: "JSON file with claim rules (online ceilings and their dates, tax table, ages).")
    var rulesFile: String? = ProcessInfo.processInfo.environment["JHT_RULES_FILE"]

    @Option(help: "JSON file adding or removing holidays and collective leave.")
    var holidaysFile: String? = ProcessInfo.processInfo.environment["JHT_HOLIDAYS_FILE"]

    @Option(help: "Hours between updates to a participant while a problem with their claim stays open.")
    var problemUpdateHours = Double(ProcessInfo.processInfo.environment["JHT_PROBLEM_UPDATE_HOURS"] ?? "") ?? 24

    @Option(help: "Seconds a connection may stay open with no request under way.")
    var idleTimeout = Double(ProcessInfo.processInfo.environment["JHT_IDLE_TIMEOUT"] ?? "") ?? RequestTimeouts().idleTimeout

    @Option(help: "Seconds any request body may take before --min-body-rate counts.")
    var bodyGracePeriod = Double(ProcessInfo.processInfo.environment["JHT_BODY_GRACE_PERIOD"] ?? "") ?? RequestTimeouts().bodyGracePeriod

    @Option(help: "Bytes per second a request body must average after the grace period, or it is cut off.")
    var minBodyRate = Double(ProcessInfo.processInfo.environment["JHT_MIN_BODY_RATE"] ?? "") ?? RequestTimeouts().minimumBodyRate

    @Option(help: "A reverse proxy whose X-Forwarded-For names the client (repeat for several; JHT_TRUSTED_PROXIES, comma-separated).")
    var trustedProxy: [String] = (ProcessInfo.processInfo.environment["JHT_TRUSTED_PROXIES"] ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
    }

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Limit sign-in code requests and wrong codes per client address (JHT_ADDRESS_LIMITS=0 turns them off).",
            discussion: "Off only for jht-sim and load runs, where every simulated phone comes from one address."
        )
    )
    var addressLimits = ProcessInfo.processInfo.environment["JHT_ADDRESS_LIMITS"].map { $0 != "0" } ?? true

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["JHT_LOG_LEVEL"] ?? "info"

    func run() async throws {
        var logger = Logger(label: "jht-sync")
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("Unknown log level \(logLevel).")
        }
        logger.logLevel = level
        var configuration = ServerConfiguration(host: host, port: port, databasePath: database, demo: demo, blobsPath: blobs)
        configuration.signingKeysPath = signingKeys
        configuration.trustedProxies = Set(trustedProxy)
        if !addressLimits { configuration.signIn.removeAddressLimits() }
        if let rulesFile { configuration.rules = try ConfigurationFiles.rules(at: rulesFile) }
        if let holidaysFile { configuration.calendar = try ConfigurationFiles.calendar(at: holidaysFile) }
        guard problemUpdateHours > 0 else { throw ValidationError("--problem-update-hours must be more than 0.") }
        configuration.office.problemUpdateInterval = problemUpdateHours * 3600
        guard (0...999_000).contains(demoPopulation) else { throw ValidationError("--demo-population is 0 to 999,000.") }
        configuration.demoPopulation = demoPopulation
        if let simulatedClock {
            guard demo else { throw ValidationError("--simulated-clock runs only in demo mode (leave out --no-demo).") }
            guard let start = ServiceClock.instant(simulatedClock) else {
                throw ValidationError("--simulated-clock takes an RFC 3339 instant or a date (YYYY-MM-DD), not \(simulatedClock).")
            }
            configuration.simulatedClockStart = start
        }
        guard idleTimeout > 0, bodyGracePeriod > 0, minBodyRate > 0 else {
            throw ValidationError("--idle-timeout, --body-grace-period and --min-body-rate must be more than 0.")
        }
        configuration.timeouts = RequestTimeouts(idleTimeout: idleTimeout, bodyGracePeriod: bodyGracePeriod, minimumBodyRate: minBodyRate)
        let location: DatabaseLocation
        do {
            location = try DatabaseLocation(database)
        } catch let error as ConfigurationError {
            throw ValidationError("--database: \(error.message).")
        }
        let dependencies = try await ServerDependencies.open(for: configuration, logger: logger)
        let demo = demo
        let host = host
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies) { port in
            print("JHT Sync listening on http://\(host):\(port) (\(location.displayName))")
            if demo {
                print("Demo mode: sign in with a demo NIK + KPJ (see README), then the code \(DemoCodeSender.demoCode).")
                print("  curl -s http://\(host):\(port)/v1/config")
                print("Staff page: http://\(host):\(port)/staff (employee number 1001-1005 or 2001-2004, code \(DemoCodeSender.demoCode)).")
            }
            // Whoever started the process may be reading the port from a pipe.
            fflush(nil)
        }
        // PostgreSQL connections close once the service has stopped, however it stopped.
        let postgres = dependencies.store as? PostgresStore
        do {
            try await app.runService()
        } catch {
            await postgres?.shutdown()
            throw error
        }
        await postgres?.shutdown()
    }
}
