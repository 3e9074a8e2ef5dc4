import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

@Suite("Reference data, health and metrics")
struct ReferenceTests {
    @Test func healthReadinessAndMetrics() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let health = try JSON.object(response.body)
                #expect(health["status"] as? String == "ok")
            }
            try await client.execute(uri: "/ready", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let readiness = try JSON.object(response.body)
                #expect(readiness["store"] as? String == "sqlite")
            }
            try await client.execute(uri: "/metrics", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .ok)
                let metrics = String(buffer: response.body)
                #expect(metrics.contains("hb_requests"))
                // Counted per route and status when the answer's head is ready.
                #expect(metrics.contains(#"http_route="/health""#) && metrics.contains(#"http_response_status_code="200""#))
            }
        }
    }

    @Test func configAnnouncesLimitsBeforeWorkStarts() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(uri: "/v1/config", method: .get) { (response: TestResponse) throws in
                let config = try JSON.object(response.body)
                #expect(config["currentOnlineCeiling"] as? Int == 15_000_000)
                let uploads = try #require(config["uploads"] as? [String: Any])
                #expect(uploads["maxBytes"] as? Int == 10 * 1024 * 1024)
                #expect(uploads["allowedContentTypes"] as? [String] == ["image/jpeg", "image/png", "application/pdf"])
                let biometric = try #require(config["biometric"] as? [String: Any])
                #expect(biometric["failuresBeforeFallback"] as? Int == 3)
                let ceilings = try #require(config["onlineCeilings"] as? [[String: Any]])
                #expect(ceilings.last?["effectiveFrom"] as? String == "2025-05-01")
            }
        }
    }

    @Test func branchesAndCalendar() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(uri: "/v1/branches", method: .get) { (response: TestResponse) throws in
                let branches = try JSON.array(response.body)
                #expect(branches.map { $0["id"] as? String } == ["BDG-SUCI", "MKS"])
                #expect(branches.map { $0["timeZone"] as? String } == ["Asia/Jakarta", "Asia/Makassar"])
            }
            try await client.execute(uri: "/v1/calendar/2026", method: .get) { (response: TestResponse) throws in
                let days = try JSON.array(response.body)
                #expect(days.count == 25)
                let march = days.compactMap { $0["date"] as? String }.filter { $0.hasPrefix("2026-03") }
                #expect(march == ["2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24"])
            }
        }
    }
}
