import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Opens the staff page in headless Chromium (Debian's `chromium`, installed by
/// `scripts/install-deps.sh`) against a live server and checks what it shows.
@Suite("Staff page in a browser")
struct StaffPageBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func chromiumShowsTheKPIsTheChartAndTheWorklist() async throws {
        let browser = try #require(Self.chromium, "Chromium is missing: run scripts/install-deps.sh")
        let server = try OfficeTestServer()
        try await server.app().test(.live) { client in
            // Two paid claims (one after a failed payment), one waiting for the CSO.
            try await KPIAPITests.week(client: client, server: server)
            server.clock.set(OfficeTime.wib(plusDays: 2))
            var agus = try await client.phone(
                Demo.person("Agus Wijaya"),
                device: "agus-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let waiting = try await agus.submitClaim(
                .retirement,
                bankAccount: TestAccounts.bca("Agus Wijaya"),
                client: client,
                clock: server.clock
            )

            let token = try await client.officers(["1005"], inbox: server.inbox)["1005"]!
            let link = try await client.execute(uri: "/v1/office/staff-link", method: .post, headers: .bearer(token)) {
                (response: TestResponse) throws in try JSON.object(response.body)["url"] as? String
            }
            let port = try #require(client.port)
            let url = "http://127.0.0.1:\(port)\(try #require(link))"
            let dom = try await Self.dumpDOM(url, browser: browser)

            #expect(dom.contains("Wawan Setiawan"), "signed in through the one-time link and redirected to the page")
            #expect(dom.contains("Kantor Cabang Bandung Suci"))
            #expect(Self.kpi("slaCompliance", in: dom)?.contains(">100%<") == true)
            #expect(Self.kpi("paymentFailures", in: dom)?.contains(">33%<") == true)
            #expect(Self.kpi("paymentFailures", in: dom)?.contains("inactive account: 1") == true)
            #expect(Self.kpi("survey", in: dom)?.contains(">5/5<") == true)
            #expect(dom.contains("data-chart=\"workingDays\""))
            #expect(dom.contains("data-days=\"0\" data-count=\"1\""))
            #expect(dom.contains("data-days=\"1\" data-count=\"1\""))
            #expect(dom.contains("data-claim=\"\(waiting.uuidString)\""), "Agus's claim waits for the CSO")
            #expect(dom.contains("Agus Wijaya"))
            #expect(!dom.contains("Sign in</button>"), "not the sign-in form")
        }
    }

    /// The card of one KPI in the page.
    static func kpi(_ name: String, in dom: String) -> String? {
        guard let start = dom.range(of: "data-kpi=\"\(name)\"") else { return nil }
        let rest = dom[start.upperBound...]
        let end = rest.range(of: "data-kpi=")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// Runs headless Chromium on `url` and returns the DOM after load.
    static func dumpDOM(_ url: String, browser: String) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("jht-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--window-size=390,844", "--dump-dom", url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        let data: Data
        do {
            data = try await withTimeout(seconds: 60) { try handle.readToEnd() ?? Data() }
        } catch {
            process.terminate()
            throw error
        }
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
