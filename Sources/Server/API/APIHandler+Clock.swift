import APITypes
import Foundation
import HTTPTypes
import Logging
import Models

extension APIHandler {
    func getServiceClock(_ input: Operations.GetServiceClock.Input) async throws -> Operations.GetServiceClock.Output {
        .ok(.init(body: .json(.init(now: clock.now(), simulated: clock.isSimulated))))
    }

    func advanceServiceClock(_ input: Operations.AdvanceServiceClock.Input) async throws -> Operations.AdvanceServiceClock.Output {
        _ = try Principal.requireOfficer()
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        guard clock.isSimulated else { throw Problem.clockNotSimulated }
        let target: Date
        switch (body.to, body.seconds) {
        case (let to?, nil): target = to
        case (nil, let seconds?) where seconds.isFinite && seconds >= 0: target = clock.now().addingTimeInterval(seconds)
        default:
            throw Problem.validation([
                ValueError(code: "clock.advance", field: "to", message: "Give either `to` (an instant) or `seconds` (0 or more).")
            ])
        }
        do {
            try await clock.advance(to: target)
        } catch .backwards(let now, _) {
            throw Problem.validation([
                ValueError(
                    code: "clock.backwards",
                    field: "to",
                    message: "The clock stands at \(now.formatted(.iso8601)); it never goes back."
                )
            ])
        } catch .notSimulated {
            throw Problem.clockNotSimulated
        }
        logger.info("simulated clock advanced", metadata: ["now": "\(clock.now().formatted(.iso8601))"])
        return .ok(.init(body: .json(.init(now: clock.now(), simulated: true))))
    }
}

extension Problem {
    /// The clock cannot be advanced: the server was not started with a simulated clock.
    static let clockNotSimulated = Problem(
        status: .conflict,
        code: "clock.notSimulated",
        title: "The clock is not simulated",
        detail: "Only a demo server started with --simulated-clock can be advanced; this one follows the wall clock."
    )
}
