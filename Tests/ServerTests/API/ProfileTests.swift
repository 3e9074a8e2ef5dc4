import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

/// `GET /v1/me` for demo participants that cover every precondition case.
@Suite("Participant profile and preconditions")
struct ProfileTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        var inactive: Bool
        var dataUpdate: Bool
        var withinCeiling: Bool
        var eligible: [String]
        var testDescription: String { name }
    }

    static let expectations: [Expectation] = [
        Expectation(
            name: "Siti Rahayu",
            inactive: true,
            dataUpdate: true,
            withinCeiling: true,
            eligible: ["resignation", "termination", "contractEnded", "leavingIndonesia", "permanentDisability", "death"]
        ),
        Expectation(
            name: "Budi Santoso",
            inactive: true,
            dataUpdate: true,
            withinCeiling: true,
            eligible: ["contractEnded", "leavingIndonesia", "permanentDisability", "death"]
        ),
        Expectation(
            name: "Dewi Lestari",
            inactive: false,
            dataUpdate: true,
            withinCeiling: false,
            eligible: ["leavingIndonesia", "permanentDisability", "death", "partial10", "partial30"]
        ),
        Expectation(
            name: "Rahmat Hidayat",
            inactive: true,
            dataUpdate: false,
            withinCeiling: true,
            eligible: ["resignation", "termination", "contractEnded", "leavingIndonesia", "permanentDisability", "death"]
        ),
        Expectation(
            name: "Nurhayati",
            inactive: false,
            dataUpdate: true,
            withinCeiling: false,
            eligible: ["leavingIndonesia", "permanentDisability", "death"]
        ),
    ]

    @Test(arguments: expectations)
    func preconditionsAndEligibleReasons(_ expected: Expectation) async throws {
        let server = try TestServer()
        let fixedNow = Date(timeIntervalSince1970: 1_795_255_200)  // 2026-11-21 05:00 UTC
        let app = try await buildApplication(
            configuration: server.configuration,
            dependencies: ServerDependencies(
                store: server.store,
                codeSender: server.inbox.sender,
                now: { fixedNow },
                logger: server.logs.logger
            )
        )
        try await app.test(.router) { client in
            let tokens = try await client.signIn(Demo.person(expected.name), inbox: server.inbox)
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) { (response: TestResponse) throws in
                let me = try JSON.object(response.body)
                let ticks = try #require(me["preconditions"] as? [String: Any])
                #expect(ticks["membershipInactive"] as? Bool == expected.inactive)
                #expect(ticks["dataUpdateDone"] as? Bool == expected.dataUpdate)
                #expect(ticks["balanceWithinCeiling"] as? Bool == expected.withinCeiling)
                let reasons = try #require(me["reasons"] as? [[String: Any]])
                let eligible = reasons.filter { $0["eligible"] as? Bool == true }.compactMap { $0["reason"] as? String }
                #expect(eligible == expected.eligible)
                for reason in reasons where reason["eligible"] as? Bool == false {
                    #expect((reason["problems"] as? [[String: Any]])?.isEmpty == false)
                }
            }
        }
    }

    @Test func deathIsBranchOnlyAndLargeBalancesGoToLapakAsik() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(Demo.person("Agus Wijaya"), inbox: server.inbox)
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) { (response: TestResponse) throws in
                let reasons = try #require(try JSON.object(response.body)["reasons"] as? [[String: Any]])
                let byReason = Dictionary(uniqueKeysWithValues: reasons.map { ($0["reason"] as! String, $0) })
                #expect(byReason["death"]?["channels"] as? [String] == ["branch"])
                #expect(byReason["retirement"]?["channels"] as? [String] == ["lapakAsik", "branch"])
                #expect(byReason["retirement"]?["eligible"] as? Bool == true)
                #expect((byReason["retirement"]?["requiredDocuments"] as? [String])?.contains("taxNumberCard") == true)
            }
        }
    }
}
