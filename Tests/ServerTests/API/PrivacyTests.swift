import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Server
import Testing

/// A full NIK, card number, phone number or balance never reaches a log line.
@Suite("Privacy")
struct PrivacyTests {
    @Test func signInAndProfileLeaveNoSecretsInLogs() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            for person in DemoData.people.prefix(4) {
                let tokens = try await client.signIn(person.account, inbox: server.inbox)
                try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(tokens.access)) { #expect($0.status == .ok) }
            }
            // Bad input is logged too; the values in it must not be.
            try await client.execute(
                uri: "/v1/auth/participant/code",
                method: .post,
                headers: .json,
                body: ByteBuffer(string: #"{"nik":"3273015205900099","kpj":"12345678901","deviceId":"device-0001"}"#)
            ) { #expect($0.status == .notFound) }
        }
        let logs = server.logs.all.joined(separator: "\n")
        #expect(!logs.isEmpty)
        for person in DemoData.people.prefix(4) {
            let p = person.account.participant
            #expect(!logs.contains(p.nik.rawValue))
            #expect(!logs.contains(p.kpj.rawValue))
            #expect(!logs.contains(p.phone!.rawValue))
            #expect(!logs.contains(String(person.account.membership.balance.amount)))
        }
        #expect(!logs.contains("3273015205900099"))
    }
}
