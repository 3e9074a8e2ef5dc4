import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Testing

@testable import Server

/// The office's steps, checks, payments and notices leave no NIK, card number, phone number,
/// account number, balance or amount in the logs.
@Suite("Office privacy")
struct OfficePrivacyTests {
    @Test func aWeekOfOfficeWorkLeavesNoSecretsInLogs() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            try await KPIAPITests.week(client: client, server: server)
            let token = try await client.officers(["1003"], inbox: server.inbox)["1003"]!
            #expect(try await client.officeGet("/v1/office/kpis", token: token).status == .ok)
            _ = try await server.monitor().tick(now: OfficeTime.wib(plusDays: 9))
        }
        let logs = server.logs.all.joined(separator: "\n")
        #expect(logs.contains("claim workflow step"), "the steps were logged")
        for name in ["Siti Rahayu", "Maria Simanjuntak", "Joko Susilo"] {
            let person = Demo.person(name)
            let p = person.participant
            #expect(!logs.contains(p.nik.rawValue))
            #expect(!logs.contains(p.kpj.rawValue))
            #expect(!logs.contains(p.phone!.rawValue))
            #expect(!logs.contains(String(person.membership.balance.amount)))
            #expect(!logs.contains(person.membership.balance.description))
        }
        for number in ["1234567890", "0987654321", "002101234567890"] { #expect(!logs.contains(number)) }
    }
}
