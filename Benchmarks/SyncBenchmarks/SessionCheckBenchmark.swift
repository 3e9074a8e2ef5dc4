import ArgumentParser
import Foundation
import Models
import Server

/// What checking for ended sign-ins adds to every authenticated request: the lookup in
/// ``RevokedSessions`` beside the access-token check it is part of (signature, decoding,
/// expiry), measured in the same run, with many sign-ins ended.
struct SessionCheckBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "Ended-sign-in lookup vs the whole token check.")

    @Option(help: "Sign-ins ended in the last 15 minutes (kept in the set).") var ended = 100_000
    @Option(help: "Checks per measurement.") var checks = 200_000

    func run() async throws {
        let now = Date()
        let revoked = RevokedSessions(retention: 900)
        for _ in 0..<ended { revoked.insert(UUID(), endedAt: now) }
        let tokens = TokenService(keys: .inMemory(at: now), revoked: revoked)
        let family = UUID()
        let principal = Principal(kind: .participant, id: UUID(), deviceID: DeviceID("bench-phone-1"))
        let token = try tokens.accessToken(for: principal, family: family, now: now)
        let clock = ContinuousClock()

        var hits = 0
        let lookup = clock.measure {
            for _ in 0..<checks where revoked.contains(family) { hits += 1 }
        }
        var valid = 0
        let check = clock.measure {
            for _ in 0..<checks {
                if case .valid = tokens.check(accessToken: token, now: now) { valid += 1 }
            }
        }
        precondition(hits == 0 && valid == checks, "every check passed and no lookup hit")
        let lookupNanos = seconds(lookup) * 1e9 / Double(checks)
        let checkNanos = seconds(check) * 1e9 / Double(checks)
        print("sessions: \(ended) ended sign-ins remembered, \(checks) checks")
        print("  ended-sign-in lookup: \(format(lookupNanos)) ns")
        print("  whole access-token check (HMAC, JSON, expiry, lookup): \(format(checkNanos)) ns")
        print("  ratio lookup / whole check: \(format(lookupNanos / checkNanos, 3))")
    }
}
