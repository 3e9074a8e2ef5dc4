import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Testing

@testable import Server

/// No cache keeps personal data or a credential, and no log line keeps a secret.
@Suite("No caching, no secrets in logs")
struct NoCachingTests {
    /// Operations whose answers are public reference data or operations output.
    static let publicOperations: Set = [
        "getHealth", "getReadiness", "getMetrics", "getConfig", "listBranches", "getCalendar", "uploadOptions",
    ]

    @Test func everyOperationCarryingPersonalDataDeclaresNoStore() {
        for operation in Contract.operations where !Self.publicOperations.contains(operation.id) {
            #expect(operation.successHeaders.contains("cache-control"), "\(operation) does not declare Cache-Control")
        }
    }

    @Test func tokensProfilesSyncAndProblemsAreNoStore() async throws {
        let server = try TestServer()
        let siti = Demo.person("Siti Rahayu")
        try await server.app().test(.router) { client in
            let challenge = try await client.execute(
                uri: "/v1/auth/participant/code",
                method: .post,
                headers: .json,
                body: JSON.body(["nik": siti.participant.nik.rawValue, "kpj": siti.participant.kpj.rawValue, "deviceId": "siti-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.headers[.cacheControl] == "no-store")
                return try #require(try JSON.object(response.body)["challengeId"] as? String)
            }
            let code = try #require(server.inbox.latest(for: siti.participant.phone!.rawValue))
            let tokens = try await client.execute(
                uri: "/v1/auth/token",
                method: .post,
                headers: .json,
                body: JSON.body(["challengeId": challenge, "code": code, "deviceId": "siti-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.headers[.cacheControl] == "no-store", "a token response")
                let object = try JSON.object(response.body)
                return Tokens(
                    access: try #require(object["accessToken"] as? String),
                    refresh: try #require(object["refreshToken"] as? String)
                )
            }
            for uri in ["/v1/me", "/v1/sync/pull", "/v1/fallback/tickets", "/v1/office/worklist", "/v1/nowhere"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(tokens.access)) {
                    #expect($0.headers[.cacheControl] == "no-store", "\(uri) answered \($0.status)")
                }
            }
            try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": tokens.refresh, "deviceId": "siti-phone-1"])
            ) { #expect($0.headers[.cacheControl] == "no-store") }
        }
    }

    @Test func theRequestLogKeepsNoTicketTokenOrCode() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let officer = try await client.signIn(officer: Demo.officer("1001"), inbox: server.inbox)
            let link = try await client.execute(uri: "/v1/office/staff-link", method: .post, headers: .bearer(officer.access)) {
                (response: TestResponse) throws in try #require(try JSON.object(response.body)["url"] as? String)
            }
            try await client.execute(uri: link, method: .get) { #expect($0.status == .seeOther) }
            let ticket = try #require(link.split(separator: "=").last)
            let secret = try #require(ticket.split(separator: ".").last)
            let logs = server.logs.all.joined(separator: "\n")
            #expect(logs.contains("path=/staff/sign-in?ticket=<redacted>"), "the request is logged, its ticket is not")
            #expect(!logs.contains(String(secret)), "the ticket's secret is in no log line")
            #expect(!logs.contains(officer.access) && !logs.contains(officer.refresh), "nor is a token")
        }
    }

    @Test func queryValuesAreRedacted() {
        #expect(RequestLogMiddleware<ServiceRequestContext>.redacted(path: "/v1/sync/pull", query: nil) == "/v1/sync/pull")
        #expect(
            RequestLogMiddleware<ServiceRequestContext>.redacted(path: "/staff", query: "from=2026-11-01&to=2026-11-30")
                == "/staff?from=<redacted>&to=<redacted>"
        )
        #expect(
            RequestLogMiddleware<ServiceRequestContext>.redacted(path: "/x", query: "a%20b=c&flag") == "/x?a b=<redacted>&flag=<redacted>"
        )
    }
}
