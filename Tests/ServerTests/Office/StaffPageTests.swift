import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Sync
import Testing

/// The staff page in-process: sign-in by form and by one-time link, the session cookie and
/// its renewal, what the page shows, sign-out.
@Suite("Staff page")
struct StaffPageTests {
    struct Page {
        var status: HTTPResponse.Status
        var html: String
        var location: String?
        var setCookie: String?
    }

    static func get(_ uri: String, cookie: String? = nil, client: some TestClientProtocol) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers) { (response: TestResponse) in
            Page(
                status: response.status,
                html: String(buffer: response.body),
                location: response.headers[.location],
                setCookie: response.headers[.setCookie]
            )
        }
    }

    static func post(_ uri: String, form: String, cookie: String? = nil, client: some TestClientProtocol) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: form)) {
            (response: TestResponse) in
            Page(
                status: response.status,
                html: String(buffer: response.body),
                location: response.headers[.location],
                setCookie: response.headers[.setCookie]
            )
        }
    }

    /// The `name=value` part of a `Set-Cookie` header.
    static func cookie(_ setCookie: String?) -> String? { setCookie?.split(separator: ";").first.map(String.init) }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func signingInByFormShowsTheBranchKPIsAndTheWorklist() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                Demo.person("Siti Rahayu"),
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.submitClaim(
                .resignation,
                bankAccount: TestAccounts.bca("Siti Rahayu"),
                client: client,
                clock: server.clock
            )

            let anonymous = try await Self.get("/staff", client: client)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/staff/sign-in")

            let form = try await Self.get("/staff/sign-in", client: client)
            #expect(form.status == .ok)
            #expect(form.html.contains("Employee number"))

            let step = try await Self.post("/staff/sign-in", form: "employeeNumber=1001", client: client)
            #expect(step.status == .ok)
            #expect(step.html.contains("We sent a six-digit code to"))
            let challenge = try #require(Self.hidden("challengeId", in: step.html))
            let device = try #require(Self.hidden("deviceId", in: step.html))
            #expect(device.hasPrefix("staff-web-"))

            let wrong = try await Self.post(
                "/staff/sign-in",
                form: "challengeId=\(challenge)&deviceId=\(device)&code=000000",
                client: client
            )
            #expect(wrong.status == .ok)
            #expect(wrong.html.contains("The code is not right") || wrong.html.contains("Check the six-digit code"))
            #expect(wrong.setCookie == nil)

            let code = try #require(server.inbox.latest(for: Demo.officer("1001").phone!.rawValue))
            let signedIn = try await Self.post(
                "/staff/sign-in",
                form: "challengeId=\(challenge)&deviceId=\(device)&code=\(code)",
                client: client
            )
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/staff")
            let setCookie = try #require(signedIn.setCookie)
            #expect(setCookie.hasPrefix("jht_staff="))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"), "as the contract says")
            #expect(setCookie.contains("Path=/staff"))

            let page = try await Self.get("/staff", cookie: Self.cookie(setCookie), client: client)
            #expect(page.status == .ok)
            #expect(page.html.contains("Rina Marlina"))
            #expect(page.html.contains("Kantor Cabang Bandung Suci"))
            #expect(page.html.contains("data-kpi=\"slaCompliance\""))
            #expect(page.html.contains("<svg"))
            #expect(page.html.contains("name=\"viewport\""))
            #expect(page.html.contains("data-claim=\"\(claim.uuidString)\""))
            #expect(page.html.contains("Siti Rahayu"))
            #expect(!page.html.contains(Demo.person("Siti Rahayu").participant.nik.rawValue), "no full NIK on the page")
            #expect(!page.html.contains("<script"), "plain HTML and CSS")
        }
    }

    @Test func anExpiredAccessTokenIsRenewedAndSignOutEndsTheSession() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let token = try await client.officers(["1003"], inbox: server.inbox)["1003"]!
            let (status, link) = try await client.execute(uri: "/v1/office/staff-link", method: .post, headers: .bearer(token)) {
                (response: TestResponse) throws in (response.status, try JSON.object(response.body))
            }
            #expect(status == .created)
            let url = try #require(link["url"] as? String)
            #expect(url.hasPrefix("/staff/sign-in?ticket="))

            let redeemed = try await Self.get(url, client: client)
            #expect(redeemed.status == .seeOther)
            let first = try #require(Self.cookie(redeemed.setCookie))
            let again = try await Self.get(url, client: client)
            #expect(again.status == .ok)
            #expect(again.html.contains("This sign-in link does not work") || again.html.contains("already used"))
            #expect(again.setCookie == nil)

            // Twenty minutes later the access token has expired; the page renews it.
            server.clock.set(OfficeTime.monday.addingTimeInterval(20 * 60))
            let renewed = try await Self.get("/staff", cookie: first, client: client)
            #expect(renewed.status == .ok)
            #expect(renewed.html.contains("Hendra Gunawan"))
            let second = try #require(Self.cookie(renewed.setCookie))
            #expect(second != first)

            // Signing out clears the cookie and revokes the session.
            let out = try await Self.post("/staff/sign-out", form: "", cookie: second, client: client)
            #expect(out.status == .seeOther)
            #expect(out.setCookie?.contains("Max-Age=0") == true)
            server.clock.set(OfficeTime.monday.addingTimeInterval(40 * 60))
            #expect(try await Self.get("/staff", cookie: second, client: client).status == .seeOther)
            #expect(try await Self.get("/staff", cookie: "jht_staff=forged~token~staff-web-x1234567", client: client).status == .seeOther)
        }
    }

    @Test func anExpiredLinkDoesNotSignIn() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let token = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let url = try await client.execute(uri: "/v1/office/staff-link", method: .post, headers: .bearer(token)) {
                (response: TestResponse) throws in try JSON.object(response.body)["url"] as? String
            }
            server.clock.set(OfficeTime.monday.addingTimeInterval(3 * 60))
            let page = try await Self.get(try #require(url), client: client)
            #expect(page.status == .ok)
            #expect(page.setCookie == nil)
            #expect(try await Self.get("/staff/sign-in?ticket=garbage", client: client).setCookie == nil)
        }
    }

    @Test func participantsGetNoStaffLink() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let participant = try await client.signIn(Demo.person("Siti Rahayu"), device: "siti-phone-1", inbox: server.inbox).access
            let status = try await client.execute(uri: "/v1/office/staff-link", method: .post, headers: .bearer(participant)) {
                (response: TestResponse) in response.status
            }
            #expect(status == .forbidden)
            let unknown = try await Self.post("/staff/sign-in", form: "employeeNumber=9999", client: client)
            #expect(unknown.status == .ok)
            #expect(unknown.html.contains("No officer has this employee number."))
        }
    }
}
