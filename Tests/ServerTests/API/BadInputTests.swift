import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

/// Bad input gets a clear RFC 9457 problem and changes nothing; never a crash, never a 500.
@Suite("Bad input")
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var uri: String
        var body: String
        var contentType: String = "application/json"
        var status: HTTPResponse.Status
        var code: String
        var testDescription: String { name }
    }

    static let siti = Demo.person("Siti Rahayu").participant

    static let cases: [Case] = [
        Case(
            name: "NIK with serial 0000",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"3273015205900000","kpj":"12345678901","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "nik.serial"
        ),
        Case(
            name: "NIK too short",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"32730152059","kpj":"12345678901","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "nik.length"
        ),
        Case(
            name: "NIK, KPJ and device all wrong",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"12","kpj":"x","deviceId":"d"}"#,
            status: .badRequest,
            code: "validation"
        ),
        Case(
            name: "unknown participant",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"3273015205900099","kpj":"12345678901","deviceId":"device-0001"}"#,
            status: .notFound,
            code: "auth.participantNotFound"
        ),
        Case(
            name: "NIK and KPJ of different people",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"3273015205900001","kpj":"12345678902","deviceId":"device-0001"}"#,
            status: .notFound,
            code: "auth.participantNotFound"
        ),
        Case(name: "not JSON", uri: "/v1/auth/participant/code", body: "nik=1", status: .badRequest, code: "request.invalid"),
        Case(name: "truncated JSON", uri: "/v1/auth/participant/code", body: #"{"nik":"32"#, status: .badRequest, code: "request.invalid"),
        Case(
            name: "number for a string",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":3,"kpj":"1","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "request.invalid"
        ),
        Case(
            name: "missing field",
            uri: "/v1/auth/participant/code",
            body: #"{"nik":"3273015205900001"}"#,
            status: .badRequest,
            code: "request.invalid"
        ),
        Case(name: "empty body", uri: "/v1/auth/token", body: "", status: .badRequest, code: "request.invalid"),
        Case(
            name: "challenge id not a UUID",
            uri: "/v1/auth/token",
            body: #"{"challengeId":"42","code":"123456","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "challengeId.format"
        ),
        Case(
            name: "code with letters",
            uri: "/v1/auth/token",
            body: #"{"challengeId":"5519C340-0C89-4A7A-BE6E-D8313EF2945B","code":"12a456","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "code.format"
        ),
        Case(
            name: "unknown challenge",
            uri: "/v1/auth/token",
            body: #"{"challengeId":"5519C340-0C89-4A7A-BE6E-D8313EF2945B","code":"123456","deviceId":"device-0001"}"#,
            status: .unauthorized,
            code: "auth.invalidCode"
        ),
        Case(
            name: "device id with spaces",
            uri: "/v1/auth/refresh",
            body: #"{"refreshToken":"x","deviceId":"my phone 1"}"#,
            status: .badRequest,
            code: "deviceId.format"
        ),
        Case(
            name: "unknown refresh token",
            uri: "/v1/auth/refresh",
            body: #"{"refreshToken":"x","deviceId":"device-0001"}"#,
            status: .unauthorized,
            code: "auth.invalidRefreshToken"
        ),
        Case(
            name: "empty employee number",
            uri: "/v1/auth/officer/code",
            body: #"{"employeeNumber":" ","deviceId":"device-0001"}"#,
            status: .badRequest,
            code: "employeeNumber.format"
        ),
        Case(
            name: "unknown officer",
            uri: "/v1/auth/officer/code",
            body: #"{"employeeNumber":"9999","deviceId":"device-0001"}"#,
            status: .notFound,
            code: "auth.officerNotFound"
        ),
    ]

    @Test(arguments: cases)
    func refusedWithProblemAndNothingStored(_ testCase: Case) async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(
                uri: testCase.uri,
                method: .post,
                headers: [.contentType: testCase.contentType],
                body: ByteBuffer(string: testCase.body)
            ) { (response: TestResponse) throws in
                #expect(response.status == testCase.status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSON.object(response.body)
                #expect(problem["code"] as? String == testCase.code)
                #expect(problem["status"] as? Int == Int(testCase.status.code))
                #expect((problem["type"] as? String)?.hasPrefix("https://") == true)
                #expect((problem["title"] as? String)?.isEmpty == false)
            }
        }
        // Nothing was written: no challenge for anybody.
        for person in DemoData.people {
            let count = try await server.store.challengeCount(for: .participant(person.account.participant.id), since: .distantPast)
            #expect(count == 0)
        }
    }

    @Test func validationListsEveryBadField() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(
                uri: "/v1/auth/participant/code",
                method: .post,
                headers: .json,
                body: ByteBuffer(string: #"{"nik":"12","kpj":"x","deviceId":"d"}"#)
            ) { (response: TestResponse) throws in
                let errors = try #require(try JSON.object(response.body)["errors"] as? [[String: Any]])
                #expect(Set(errors.compactMap { $0["field"] as? String }) == ["nik", "kpj", "deviceId"])
            }
        }
    }

    @Test func anInvalidTokenIsRefusedWhereATokenIsNeededAndIgnoredElsewhere() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            for uri in ["/health", "/v1/config", "/v1/branches"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer("not-a-token")) { (response: TestResponse) throws in
                    #expect(response.status == .ok, "\(uri) is public")
                }
            }
            for uri in ["/v1/me", "/v1/office/worklist"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer("not-a-token")) { (response: TestResponse) throws in
                    #expect(response.status == .unauthorized)
                    #expect(try JSON.object(response.body)["code"] as? String == "auth.invalidToken")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                }
                try await client.execute(uri: uri, method: .get) { (response: TestResponse) throws in
                    #expect(try JSON.object(response.body)["code"] as? String == "auth.required")
                }
            }
        }
    }

    @Test func unknownRouteAndWrongMethodAreProblems() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            try await client.execute(uri: "/v1/nothing-here", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .notFound)
                #expect(try JSON.object(response.body)["code"] as? String == "route.notFound")
            }
            try await client.execute(uri: "/v1/calendar/1999", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .badRequest)
                #expect(try JSON.object(response.body)["code"] as? String == "year.range")
            }
            try await client.execute(uri: "/v1/calendar/twenty", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .badRequest)
                #expect(try JSON.object(response.body)["code"] as? String == "request.invalid")
            }
            // A path the contract has, with a method it does not declare there: 405 and what it does.
            try await client.execute(uri: "/v1/config", method: .delete) { (response: TestResponse) throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(try JSON.object(response.body)["code"] as? String == "route.methodNotAllowed")
            }
            try await client.execute(uri: "/v1/office/claims/\(UUID().uuidString)/pay", method: .get) { (response: TestResponse) throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/fallback/tickets/\(UUID().uuidString)/appointment", method: .patch) {
                (response: TestResponse) throws in
                #expect(response.headers[.allow] == "DELETE, POST, PUT")
            }
        }
    }
}
