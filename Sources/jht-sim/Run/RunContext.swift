import AsyncHTTPClient
import Foundation
import Models
import Server
import SyncHTTP

/// What every journey and desk of one run shares: where the server is, the HTTP clients,
/// the settings, the seed, the metrics and the folder for replica files.
struct RunContext: Sendable {
    let baseURL: String
    let http: SimHTTP
    /// Requests (push, pull, uploads, office).
    let client: HTTPClient
    /// Long-lived live streams, on their own connection pool.
    let liveClient: HTTPClient
    let settings: SimSettings
    let seed: UInt64
    let metrics: RunMetrics
    let folder: URL
    /// The demo's fixed sign-in code (the demo code sender).
    let code = "123456"
    /// The service's time as the simulator sees it: the wall clock, or the simulated clock a
    /// branch week drives (phones stamp their writes with it too).
    var now: @Sendable () -> Date = { Date() }
    /// Phones follow the live stream (a real-time run), or sync only when their person looks
    /// at the app (a branch week).
    var followsLive = true

    func signIn(_ member: DemoPopulation.Member, deviceID: String) async throws -> HTTPTokenProvider {
        let participant = member.account.participant
        let code = code
        let tokens = try await HTTPTokenProvider.signIn(
            baseURL: baseURL,
            nik: participant.nik.rawValue,
            kpj: participant.kpj.rawValue,
            deviceID: deviceID,
            client: client,
            code: { code }
        )
        metrics.request("auth", status: 200)
        metrics.request("auth", status: 200)
        return tokens
    }

    /// An officer's access token for one desk, signed in with the demo code.
    func officerToken(_ employeeNumber: String, desk: String) async throws -> String {
        let code = code
        let tokens = try await HTTPTokenProvider.signInOfficer(
            baseURL: baseURL,
            employeeNumber: employeeNumber,
            deviceID: "sim-desk-\(employeeNumber)-\(desk)-\(UUID().uuidString.prefix(8))",
            client: client,
            code: { code }
        )
        metrics.request("auth", status: 200)
        metrics.request("auth", status: 200)
        return try await tokens.accessToken()
    }
}
