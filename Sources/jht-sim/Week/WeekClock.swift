import Foundation
import Models
import NIOHTTP1
import PhoneSync
import Server
import SyncHTTP
import Synchronization

/// The service's clock as a branch week drives it: the in-process server's ``ServiceClock``
/// itself (`--server self`), or a separate server's through `POST /v1/operations/clock` (that
/// server must run in demo mode with `--simulated-clock`). Phones read it as their wall clock.
final class WeekClock: Sendable {
    enum Driver: Sendable {
        case inProcess(ServiceClock)
        /// The operations route, with a signed-in officer's tokens.
        case remote(SimHTTP, HTTPTokenProvider)
    }

    let driver: Driver
    private let instant: Mutex<Date>

    private init(driver: Driver, now: Date) {
        self.driver = driver
        self.instant = Mutex(now)
    }

    /// The simulated clock of a server started in this process.
    static func inProcess(_ clock: ServiceClock) throws -> WeekClock {
        guard clock.isSimulated else { throw SimulatorError("The in-process server does not run on a simulated clock.") }
        return WeekClock(driver: .inProcess(clock), now: clock.now())
    }

    struct State: Codable {
        var now: Date
        var simulated: Bool
    }

    /// A separate server's clock; refuses a server whose clock is not simulated.
    static func remote(_ context: RunContext) async throws -> WeekClock {
        let state: State = try await context.http.json(.GET, "/v1/operations/clock", family: "clock")
        guard state.simulated else {
            throw SimulatorError(
                """
                The server at \(context.baseURL) runs on the wall clock; a branch week needs one it can advance. \
                Start it with `jht-server --demo-population 40000 --simulated-clock 2026-03-16 --no-address-limits`, or use --server self.
                """
            )
        }
        let code = context.code
        let tokens = try await HTTPTokenProvider.signInOfficer(
            baseURL: context.baseURL,
            employeeNumber: "1003",
            deviceID: "sim-clock-\(context.seed)-\(UUID().uuidString.prefix(8))",
            client: context.client,
            code: { code }
        )
        return WeekClock(driver: .remote(context.http, tokens), now: state.now)
    }

    /// The clock's instant as last set.
    func now() -> Date { instant.withLock { $0 } }

    /// Milliseconds since 1970, for phones' hybrid logical clocks.
    func millis() -> Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Moves the service's clock to `date` (never back); returns once the server's periodic
    /// jobs due by then (SLA notices, no-show sweep, upload sweep) have run.
    func advance(to date: Date) async throws {
        guard date > now() else { return }
        switch driver {
        case .inProcess(let clock):
            try await clock.advance(to: date)
        case .remote(let http, let tokens):
            let body = try WireCoding.encoder.encode(["to": date.formatted(.iso8601)])
            var response = try await http.send(
                .POST,
                "/v1/operations/clock",
                family: "clock",
                token: try await tokens.accessToken(),
                body: body
            )
            if response.status == 401 {
                response = try await http.send(
                    .POST,
                    "/v1/operations/clock",
                    family: "clock",
                    token: try await tokens.refresh(),
                    body: body
                )
            }
            guard response.status == 200 else { throw SimHTTP.failure(response) }
        }
        instant.withLock { $0 = date }
    }

    /// `time` (hours and minutes) on `day` in WIB.
    static func instant(_ day: LocalDate, hour: Int, minute: Int = 0) -> Date {
        day.start(in: .wib).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }
}
