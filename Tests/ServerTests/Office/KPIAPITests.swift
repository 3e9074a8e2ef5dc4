import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// The KPI endpoint over a small, known week of one branch.
@Suite("KPIs")
struct KPIAPITests {
    /// Three claims in Bandung: Siti paid the same day with a survey; Maria's payment fails on
    /// a dormant account and succeeds the next day, after three failed face checks; Joko's
    /// bank book is sent back, then after his video interview his name does not match the
    /// registry and he is rejected.
    static func week(client: some TestClientProtocol, server: OfficeTestServer) async throws {
        var officers = try await client.officers(["1001", "1002", "1003", "1004"], inbox: server.inbox)
        func step(_ path: String, _ claim: UUID, _ officer: String, _ body: [String: Any]? = nil) async throws {
            let (status, json) = try await client.office(path, claim: claim, token: officers[officer]!, body: body)
            #expect(status == .ok, "\(path): \(json)")
        }
        var siti = try await client.phone(
            Demo.person("Siti Rahayu"),
            device: "siti-phone-1",
            inbox: server.inbox,
            clock: server.clock,
            uploads: server.store
        )
        let sitiClaim = try await siti.submitClaim(
            .resignation,
            bankAccount: TestAccounts.bca("Siti Rahayu"),
            client: client,
            clock: server.clock
        )
        for (path, officer) in [("documents-complete", "1001"), ("verify", "1002"), ("approve", "1003"), ("pay", "1004")] {
            try await step(path, sitiClaim, officer)
        }
        let survey: [String: JSONValue] = [
            "survey": .object(["claimID": .string(sitiClaim.uuidString), "clarity": .int(5), "speed": .int(4), "overall": .int(5)])
        ]
        #expect(
            try await siti.intent(
                .submitSurvey,
                survey,
                record: RecordKey(type: "survey", id: sitiClaim.uuidString),
                client: client,
                clock: server.clock
            )
                == .applied
        )
        let passed = attempt(siti, passed: true, server: server)
        #expect(
            try await siti.intent(.reportBiometricAttempt, passed.arguments, record: passed.key, client: client, clock: server.clock)
                == .applied
        )

        let mariaAccount = Demo.person("Maria Simanjuntak")
        var maria = try await client.phone(
            mariaAccount,
            device: "maria-phone-1",
            inbox: server.inbox,
            clock: server.clock,
            uploads: server.store
        )
        for _ in 1...3 {
            let failed = attempt(maria, passed: false, server: server)
            #expect(
                try await maria.intent(.reportBiometricAttempt, failed.arguments, record: failed.key, client: client, clock: server.clock)
                    == .applied
            )
        }
        let dormant = try BankAccount(bank: .bni, number: "0987654321", holderName: "Maria Simanjuntak")
        let mariaClaim = try await maria.submitClaim(.leavingIndonesia, bankAccount: dormant, client: client, clock: server.clock)
        for (path, officer) in [("documents-complete", "1001"), ("verify", "1002"), ("approve", "1003"), ("pay", "1004")] {
            try await step(path, mariaClaim, officer)
        }
        server.clock.set(OfficeTime.wib(plusDays: 1))
        officers = try await client.officers(["1001", "1002", "1003", "1004"], inbox: server.inbox)
        try await maria.signInAgain(client: client, inbox: server.inbox)
        let fresh = try BankAccount(bank: .bri, number: "002101234567890", holderName: "Maria Simanjuntak")
        _ = try await maria.intent(
            .provideNewBankAccount,
            ["bankAccount": try JSONValue(encoding: fresh)],
            record: Claim.key(mariaClaim),
            client: client,
            clock: server.clock
        )
        try await step("pay", mariaClaim, "1004")

        server.clock.set(OfficeTime.monday)
        var joko = try await client.phone(
            Demo.person("Joko Susilo"),
            device: "joko-phone-1",
            inbox: server.inbox,
            clock: server.clock,
            uploads: server.store
        )
        let jokoClaim = try await joko.submitClaim(
            .permanentDisability,
            bankAccount: TestAccounts.bca("Joko Susilo"),
            client: client,
            clock: server.clock
        )
        try await step("correction", jokoClaim, "1001", ["items": [["document": "bankBook", "reason": "Blurred"]]])
        server.clock.set(OfficeTime.wib(plusDays: 1))
        try await joko.signInAgain(client: client, inbox: server.inbox)
        _ = try await joko.intent(.resubmitClaim, [:], record: Claim.key(jokoClaim), client: client, clock: server.clock)
        try await step("documents-complete", jokoClaim, "1001")
        // His balance is over the online ceiling: a Lapak Asik claim, verified after its video interview.
        try await client.checkIdentityInPerson(jokoClaim, phone: joko, server: server)
        officers = try await client.officers(["1001", "1002", "1003", "1004"], inbox: server.inbox)
        try await step("verify", jokoClaim, "1002")
        try await step("reject", jokoClaim, "1002", ["cause": "identityMismatch", "reason": "Name differs from the civil registry."])
    }

    /// A face check as the phone reports it: the intent's arguments and the record it creates.
    static func attempt(_ phone: OfficePhone, passed: Bool, server: OfficeTestServer) -> (arguments: [String: JSONValue], key: RecordKey) {
        let attempt = BiometricAttempt(
            id: .init(UUID()),
            participantID: phone.account.participant.id,
            claimID: nil,
            result: passed ? .passed : .failed,
            failureReason: passed ? nil : .lowLight,
            livenessScore: passed ? 0.97 : 0.31,
            deviceID: DeviceID(phone.device.id),
            attemptedAt: server.clock.now
        )
        return (["attempt": try! JSONValue(encoding: attempt)], RecordKey(type: "biometricAttempt", id: attempt.id.rawValue.uuidString))
    }

    @Test func aWeekOfClaimsGivesTheExpectedKPIs() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            try await Self.week(client: client, server: server)
            let token = try await client.officers(["1003"], inbox: server.inbox)["1003"]!
            let (status, kpis) = try await client.officeGet("/v1/office/kpis?from=2026-11-01&to=2026-11-30", token: token)
            #expect(status == .ok, "\(kpis)")
            #expect(kpis["branchId"] as? String == "BDG-SUCI")
            #expect(kpis["timeZone"] as? String == "Asia/Jakarta")
            #expect(kpis["submitted"] as? Int == 3)
            #expect(kpis["paid"] as? Int == 2)
            let sla = try #require(kpis["sla"] as? [String: Any])
            #expect(sla["onTime"] as? Int == 2 && sla["late"] as? Int == 0)
            #expect(sla["compliance"] as? Double == 1)
            #expect(sla["medianWorkingDays"] as? Double == 0.5)
            #expect(sla["p90WorkingDays"] as? Double == 1)
            #expect(
                (kpis["workingDaysHistogram"] as? [[String: Int]]) == [["workingDays": 0, "count": 1], ["workingDays": 1, "count": 1]]
            )
            func rate(_ name: String) -> (Int?, Int?, [String: Int]) {
                let object = kpis[name] as? [String: Any]
                let causes = (object?["byCause"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                    $0[$1["cause"] as? String ?? "?"] = $1["count"] as? Int
                }
                return (object?["count"] as? Int, object?["outOf"] as? Int, causes)
            }
            #expect(rate("firstTimeRight") == (2, 2, [:]))
            #expect(rate("corrections") == (1, 3, ["bankBook": 1]))
            #expect(rate("rejections") == (1, 3, ["identityMismatch": 1]))
            #expect(rate("paymentFailures") == (1, 3, ["inactiveAccount": 1]))
            #expect(rate("biometricFallback") == (1, 2, ["lowLight": 3]))
            let channels = (kpis["channels"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                $0[$1["channel"] as? String ?? "?"] = $1["count"] as? Int
            }
            #expect(channels == ["app": 2, "lapakAsik": 1, "branch": 0])
            let survey = try #require(kpis["survey"] as? [String: Any])
            #expect(survey["responses"] as? Int == 1 && survey["offered"] as? Int == 2)
            #expect(survey["clarity"] as? Double == 5 && survey["speed"] as? Double == 4 && survey["overall"] as? Double == 5)

            // Another branch's officers see their own, empty, figures; an empty period has no rates.
            let makassar = try await client.officers(["2003"], inbox: server.inbox)["2003"]!
            let other = try await client.officeGet("/v1/office/kpis?from=2026-11-01&to=2026-11-30", token: makassar).json
            #expect(other["branchId"] as? String == "MKS")
            #expect(other["paid"] as? Int == 0)
            #expect((other["sla"] as? [String: Any])?["compliance"] == nil)
            let october = try await client.officeGet("/v1/office/kpis?from=2026-10-01&to=2026-10-31", token: token).json
            #expect(october["submitted"] as? Int == 0)
        }
    }

    @Test(arguments: [
        ("from=2026-11-30&to=2026-11-01", "period.range"),
        ("from=2025-01-01&to=2026-11-30", "period.range"),
        ("from=2026-02-30", "period.date"),
        ("to=yesterday", "period.date"),
    ])
    func aBadPeriodIsAProblem(query: String, code: String) async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            let token = try await client.officers(["1003"], inbox: server.inbox)["1003"]!
            let (status, problem) = try await client.officeGet("/v1/office/kpis?\(query)", token: token)
            #expect(status == .badRequest)
            #expect(problem["code"] as? String == code)
        }
    }
}
