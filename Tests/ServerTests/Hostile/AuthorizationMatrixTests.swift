import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import NIOHTTP1
import Sync
import Testing

@testable import Server

/// Every route of the contract against every kind of caller: the participant whose data it is,
/// another participant, the same participant on another device, each officer role, an officer of
/// another branch, no token and an expired one. One table says who may; a route of
/// `openapi/openapi.yaml` without a row fails the test. The whole run is a scenario whose every
/// log line (trace level) is then scanned for personal data and credentials.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// The callers.
    enum Caller: String, CaseIterable, Sendable {
        case participant, otherParticipant, otherDevice, cso, backOffice, headOfService, finance, otherBranch, noToken, expiredToken
    }

    /// Who may use a route.
    enum Access: Sendable {
        /// Anyone (a token that is not valid is still refused, as on every route).
        case open
        /// These callers, and nobody else.
        case only(Set<Caller>)
    }

    /// One route of the table: who may, and the request each caller sends.
    struct Row: Sendable {
        var access: Access
        var request: @Sendable (Caller, Fixtures) -> Call
    }

    /// What a caller sends.
    struct Call: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var headers: [(String, String)] = []
        var body: [UInt8]?
    }

    static let owner: Set<Caller> = [.participant, .otherDevice]
    static let participants: Set<Caller> = [.participant, .otherDevice, .otherParticipant]
    static let officers: Set<Caller> = [.cso, .backOffice, .headOfService, .finance, .otherBranch]
    static let branchOfficers: Set<Caller> = [.cso, .backOffice, .headOfService, .finance]
    static let withToken = participants.union(officers)

    static func get(_ path: @escaping @Sendable (Fixtures) -> String) -> @Sendable (Caller, Fixtures) -> Call {
        { _, fixtures in Call(method: .get, path: path(fixtures)) }
    }

    static func post(_ path: @escaping @Sendable (Fixtures) -> String, json: [String: Any] = [:]) -> @Sendable (Caller, Fixtures) -> Call {
        let body = Array(try! JSONSerialization.data(withJSONObject: json))
        return { _, fixtures in Call(method: .post, path: path(fixtures), headers: [("content-type", "application/json")], body: body) }
    }

    static func tus(
        _ method: HTTPRequest.Method,
        _ path: @escaping @Sendable (Caller, Fixtures) -> String
    ) -> @Sendable (Caller, Fixtures) -> Call {
        { caller, fixtures in
            var call = Call(method: method, path: path(caller, fixtures), headers: [("tus-resumable", "1.0.0")])
            if method == .post { call.headers += [("upload-length", "2000"), ("upload-metadata", "kind aWRDYXJk")] }
            if method == .patch {
                call.headers += [("content-type", "application/offset+octet-stream"), ("upload-offset", "0")]
                call.body = SampleFile.make(.jpeg, size: 500)
            }
            return call
        }
    }

    /// The routes in the order they run (state moves along: a claim is checked before it is
    /// verified, a ticket checked in before it is decided, signing out comes last).
    static let table: [(operation: String, row: Row)] = [
        ("getHealth", Row(access: .open, request: get { _ in "/health" })),
        ("getReadiness", Row(access: .open, request: get { _ in "/ready" })),
        ("getMetrics", Row(access: .open, request: get { _ in "/metrics" })),
        ("getServiceClock", Row(access: .open, request: get { _ in "/v1/operations/clock" })),
        // Any officer may move a simulated clock; this server has none, so the allowed get 409.
        ("advanceServiceClock", Row(access: .only(officers), request: post({ _ in "/v1/operations/clock" }, json: ["seconds": 60]))),
        ("getConfig", Row(access: .open, request: get { _ in "/v1/config" })),
        ("listBranches", Row(access: .open, request: get { _ in "/v1/branches" })),
        ("getCalendar", Row(access: .open, request: get { _ in "/v1/calendar/2026" })),
        (
            "requestParticipantCode",
            Row(
                access: .open,
                request: post(
                    { _ in "/v1/auth/participant/code" },
                    json: ["nik": "3273013011790007", "kpj": "12345678907", "deviceId": "matrix-device"]
                )
            )
        ),
        (
            "requestOfficerCode",
            Row(
                access: .open,
                request: post({ _ in "/v1/auth/officer/code" }, json: ["employeeNumber": "2004", "deviceId": "matrix-device"])
            )
        ),
        (
            "exchangeCode",
            Row(
                access: .open,
                request: post(
                    { _ in "/v1/auth/token" },
                    json: ["challengeId": UUID().uuidString, "code": "123456", "deviceId": "matrix-device"]
                )
            )
        ),
        (
            "refreshTokens",
            Row(
                access: .open,
                request: post({ _ in "/v1/auth/refresh" }, json: ["refreshToken": "not-a-token", "deviceId": "matrix-device"])
            )
        ),
        ("getMe", Row(access: .only(participants), request: get { _ in "/v1/me" })),
        ("getMyExport", Row(access: .only(participants), request: get { _ in "/v1/me/export" })),
        ("getOfficerMe", Row(access: .only(officers), request: get { _ in "/v1/officers/me" })),
        (
            "pushMutations",
            Row(access: .only([.participant])) { _, fixtures in
                // From the participant's own phone: another device's token, or another person's, is refused.
                Call(method: .post, path: "/v1/sync/push", headers: [("content-type", "application/json")], body: fixtures.push)
            }
        ),
        ("pullChanges", Row(access: .only(withToken), request: get { _ in "/v1/sync/pull?cursor=0&limit=10" })),
        ("liveUpdates", Row(access: .only(withToken), request: get { _ in "/v1/sync/live?cursor=0" })),
        ("getWorklist", Row(access: .only(officers), request: get { _ in "/v1/office/worklist" })),
        ("getOfficeClaim", Row(access: .only(branchOfficers), request: get { "/v1/office/claims/\($0.checked.uuidString)" })),
        (
            "confirmDocumentsComplete",
            Row(access: .only([.cso]), request: post { "/v1/office/claims/\($0.checked.uuidString)/documents-complete" })
        ),
        ("verifyClaim", Row(access: .only([.backOffice]), request: post { "/v1/office/claims/\($0.checked.uuidString)/verify" })),
        ("approveClaim", Row(access: .only([.headOfService]), request: post { "/v1/office/claims/\($0.checked.uuidString)/approve" })),
        ("payClaim", Row(access: .only([.finance]), request: post { "/v1/office/claims/\($0.checked.uuidString)/pay" })),
        (
            "requestCorrection",
            Row(
                access: .only([.cso]),
                request: post(
                    { "/v1/office/claims/\($0.corrected.uuidString)/correction" },
                    json: ["items": [["document": "bankBook", "reason": "The first page is cut off."]]]
                )
            )
        ),
        (
            "rejectClaim",
            Row(
                access: .only([.cso]),
                request: post(
                    { "/v1/office/claims/\($0.rejected.uuidString)/reject" },
                    json: ["cause": "documentsInvalid", "reason": "The reference letter is missing."]
                )
            )
        ),
        (
            "returnClaim",
            Row(
                access: .only([.headOfService]),
                request: post({ "/v1/office/claims/\($0.returned.uuidString)/return" }, json: ["reason": "Check the balance again."])
            )
        ),
        ("getKPIs", Row(access: .only(officers), request: get { _ in "/v1/office/kpis?from=2026-12-01&to=2026-12-22" })),
        ("createStaffLink", Row(access: .only(officers), request: post { _ in "/v1/office/staff-link" })),
        ("getStaffPage", Row(access: .open, request: get { _ in "/staff" })),
        ("getStaffSignIn", Row(access: .open, request: get { _ in "/staff/sign-in" })),
        (
            "postStaffSignIn",
            Row(access: .open) { _, _ in
                Call(
                    method: .post,
                    path: "/staff/sign-in",
                    headers: [("content-type", "application/x-www-form-urlencoded")],
                    body: Array("employeeNumber=9999".utf8)
                )
            }
        ),
        ("postStaffSignOut", Row(access: .open, request: post { _ in "/staff/sign-out" })),
        ("listFallbackTickets", Row(access: .only(participants), request: get { _ in "/v1/fallback/tickets" })),
        ("getFallbackTicket", Row(access: .only(owner), request: get { "/v1/fallback/tickets/\($0.ownTicket.rawValue.uuidString)" })),
        (
            "bookFallbackAppointment",
            Row(
                access: .only(owner),
                request: post(
                    { "/v1/fallback/tickets/\($0.ownTicket.rawValue.uuidString)/appointment" },
                    json: ["kind": "branchVisit", "date": "2026-12-23"]
                )
            )
        ),
        (
            "rescheduleFallbackAppointment",
            Row(access: .only(owner)) { _, fixtures in
                Call(
                    method: .put,
                    path: "/v1/fallback/tickets/\(fixtures.ownTicket.rawValue.uuidString)/appointment",
                    headers: [("content-type", "application/json")],
                    body: Array(#"{"kind":"branchVisit","date":"2026-12-28"}"#.utf8)
                )
            }
        ),
        (
            "cancelFallbackAppointment",
            Row(access: .only(owner)) { _, fixtures in
                Call(method: .delete, path: "/v1/fallback/tickets/\(fixtures.ownTicket.rawValue.uuidString)/appointment")
            }
        ),
        ("getFallbackAvailability", Row(access: .only(participants), request: get { _ in "/v1/fallback/availability?kind=branchVisit" })),
        (
            "listFallbackAppointments",
            Row(access: .only(officers), request: get { _ in "/v1/office/fallback/appointments?date=2026-12-22" })
        ),
        (
            "getOfficeFallbackTicket",
            Row(access: .only(branchOfficers), request: get { "/v1/office/fallback/tickets/\($0.bookedTicket.rawValue.uuidString)" })
        ),
        (
            "checkInFallbackTicket",
            Row(access: .only([.cso]), request: post { "/v1/office/fallback/tickets/\($0.bookedTicket.rawValue.uuidString)/check-in" })
        ),
        (
            "decideFallbackTicket",
            Row(
                access: .only([.cso]),
                request: post(
                    { "/v1/office/fallback/tickets/\($0.bookedTicket.rawValue.uuidString)/decision" },
                    json: ["outcome": "verified"]
                )
            )
        ),
        (
            "markFallbackNoShow",
            Row(access: .only([.cso]), request: post { "/v1/office/fallback/tickets/\($0.bookedTicket.rawValue.uuidString)/no-show" })
        ),
        ("uploadOptions", Row(access: .open) { _, _ in Call(method: .options, path: "/v1/uploads") }),
        ("createUpload", Row(access: .only(participants), request: tus(.post) { _, _ in "/v1/uploads" })),
        ("getUploadOffset", Row(access: .only(owner), request: tus(.head) { _, fixtures in "/v1/uploads/\(fixtures.upload.uuidString)" })),
        ("uploadChunk", Row(access: .only(owner), request: tus(.patch) { _, fixtures in "/v1/uploads/\(fixtures.upload.uuidString)" })),
        (
            "terminateUpload",
            Row(
                access: .only(owner),
                request: tus(.delete) { caller, fixtures in "/v1/uploads/\(fixtures.uploadsToTerminate[caller]!.uuidString)" }
            )
        ),
        (
            "getClaimDocument",
            Row(
                access: .only(owner.union(branchOfficers)),
                request: get { "/v1/claims/\($0.document.claim.uuidString)/documents/\($0.document.id.uuidString)" }
            )
        ),
        (
            "postLedgerEntries",
            Row(
                access: .only([.finance]),
                request: post(
                    { _ in "/v1/office/ledger/postings" },
                    json: [
                        "postings": [
                            [
                                "id": UUID().uuidString, "participantId": Demo.person("Siti Rahayu").participant.id.rawValue.uuidString,
                                "amount": 150_000, "source": ["kind": "correction", "reason": "matrix"],
                            ]
                        ]
                    ]
                )
            )
        ),
        (
            "signOut",
            Row(access: .only(withToken)) { caller, fixtures in
                let refresh = fixtures.tokens[caller]?.refresh ?? "none"
                let body = try! JSONSerialization.data(withJSONObject: [
                    "refreshToken": refresh, "deviceId": fixtures.devices[caller] ?? "matrix-device",
                ])
                return Call(method: .post, path: "/v1/auth/sign-out", headers: [("content-type", "application/json")], body: Array(body))
            }
        ),
    ]

    @Test func everyRouteOfTheContractHasARow() {
        let operations = Set(Contract.operations.map(\.id))
        let rows = Set(Self.table.map(\.operation))
        #expect(operations.subtracting(rows).isEmpty, "routes without a row: \(operations.subtracting(rows).sorted())")
        #expect(rows.subtracting(operations).isEmpty, "rows of no route: \(rows.subtracting(operations).sorted())")
        #expect(rows.count == Self.table.count, "one row per route")
    }

    @Test func everyCallerGetsWhatTheTableSaysOnEveryRoute() async throws {
        var server = try OfficeTestServer(now: MatrixFixtures.booking)
        // Some sixty sign-ins and code requests from one address: the per-address limits are
        // another test's business.
        server.configuration.signIn.codeRequestsPerAddress = RateLimit(capacity: 1000, per: 60)
        server.configuration.signIn.wrongCodesPerAddress = RateLimit(capacity: 1000, per: 60)
        let configured = server
        try await configured.app().test(.live) { client in
            let fixtures = try await MatrixFixtures.make(client: client, server: configured)
            let base = "http://127.0.0.1:\(try #require(client.port))"
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            var outcomes: [String] = []
            var failures: [String] = []
            for (operation, row) in Self.table {
                // Those refused first: they must change nothing the allowed ones then need.
                let callers = Caller.allCases.sorted { Self.may($0, row.access) == false && Self.may($1, row.access) }
                for caller in callers {
                    let call = row.request(caller, fixtures)
                    let answer = try await Self.send(call, as: caller, fixtures: fixtures, base: base, client: http)
                    let refused = Self.refused(answer)
                    let expected = Self.may(caller, row.access)
                    let hidden = answer.status == 404 && !{ if case .open = row.access { true } else { false } }()
                    let ok = expected ? !refused && !hidden : (refused || hidden)
                    outcomes.append("\(operation) \(caller.rawValue): \(answer.status) \(answer.code ?? "")")
                    if !ok {
                        failures.append(
                            "\(operation) as \(caller.rawValue): \(answer.status) \(answer.code ?? ""), expected \(expected ? "allowed" : "refused")"
                        )
                    }
                    if (200..<400).contains(answer.status), answer.cacheControl?.contains("no-store") != true {
                        failures.append("\(operation) as \(caller.rawValue): \(answer.status) without Cache-Control: no-store")
                    }
                }
            }
            try await http.shutdown()
            if ProcessInfo.processInfo.environment["JHT_MATRIX_SHOW"] != nil { print(outcomes.joined(separator: "\n")) }
            print(
                "authorization matrix: \(Self.table.count) routes × \(Caller.allCases.count) callers = \(outcomes.count) requests, \(failures.count) wrong"
            )
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

            // The scenario's every log line: no personal data of any demo participant, no credential.
            let logs = configured.logs.all.joined(separator: "\n")
            #expect(configured.logs.all.count > 500, "the scenario logged \(configured.logs.all.count) lines")
            #expect(DemoData.personalData(in: logs, needles: DemoData.personalData + ["1234567890"]).isEmpty)
            for tokens in fixtures.tokens.values {
                #expect(!logs.contains(tokens.access) && !logs.contains(tokens.refresh), "a token in the log")
            }
        }
    }

    static func may(_ caller: Caller, _ access: Access) -> Bool {
        switch access {
        // A stale token on a public route is as if none came (the phone still reaches sign-in).
        case .open: true
        case .only(let callers): callers.contains(caller)
        }
    }

    /// Refused for who the caller is: 403, or 401 for the token (none, not valid, ended; an
    /// answer to HEAD has no body to say which).
    static func refused(_ answer: Answer) -> Bool {
        guard answer.status == 401 else { return answer.status == 403 }
        return answer.code.map { ["auth.required", "auth.invalidToken", "auth.sessionEnded"].contains($0) } ?? true
    }

    struct Answer {
        var status: Int
        var code: String?
        var cacheControl: String?
    }

    /// Sends a call over HTTP (the live stream is answered by its head; its body never ends),
    /// with a client that follows no redirect: a 303 is the answer.
    static func send(_ call: Call, as caller: Caller, fixtures: Fixtures, base: String, client: HTTPClient) async throws -> Answer {
        var request = HTTPClientRequest(url: base + call.path)
        request.method = .init(rawValue: call.method.rawValue)
        for (name, value) in call.headers { request.headers.add(name: name, value: value) }
        if let token = fixtures.bearer(caller) { request.headers.add(name: "authorization", value: "Bearer \(token)") }
        if let body = call.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let cacheControl = response.headers.first(name: "cache-control")
        guard response.headers.first(name: "content-type")?.hasPrefix("application/problem+json") == true else {
            return Answer(status: Int(response.status.code), cacheControl: cacheControl)
        }
        let body = try await response.body.collect(upTo: 1 << 20)
        let code = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])?["code"] as? String
        return Answer(status: Int(response.status.code), code: code, cacheControl: cacheControl)
    }
}
