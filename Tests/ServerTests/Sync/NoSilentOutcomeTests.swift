import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// Over HTTP, a mutation is applied and kept or refused with a reason: a counter below 1 is a
/// 400 problem, an invalid value is refused with its field and never stored (the claim stays
/// readable and submittable), ids are taken in either letter case and echoed in upper case.
@Suite("No silent outcome")
struct NoSilentOutcomeTests {
    let siti = Demo.person("Siti Rahayu")

    @Test func aCounterBelowOneIsAProblemAndChangesNothing() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var device = TestDevice(id: "siti-phone-1")
            device.counter = -1
            let mutation = device.intent(.createClaimDraft, ["reason": "resignation"], record: Claim.key(UUID()))
            try await client.execute(
                uri: "/v1/sync/push",
                method: .post,
                headers: .bearer(tokens.access),
                body: Wire.body(PushRequest(deviceID: device.id, mutations: [mutation]))
            ) { response in
                #expect(response.status == .badRequest)
                #expect(problemCode(response.body) == "sync.malformedBatch")
            }
            #expect(try await server.store.deviceState(device.id) == nil, "nothing recorded")
        }
    }

    /// The push body is read straight into the sync engine's types, which refuse what the
    /// contract does not list: an invented property, a record type that does not sync.
    @Test func aPushTheContractDoesNotAllowIsAProblemAndChangesNothing() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            var device = TestDevice(id: "siti-phone-1")
            let mutation = device.intent(.createClaimDraft, ["reason": "resignation"], record: Claim.key(UUID()))
            let valid = try JSON.object(Wire.body(PushRequest(deviceID: device.id, mutations: [mutation])))
            var mutations = try #require(valid["mutations"] as? [[String: Any]])
            mutations[0]["priority"] = 1
            var invented = valid
            invented["mutations"] = mutations
            mutations[0]["priority"] = nil
            mutations[0]["record"] = ["type": "officer", "id": "1001"]
            var officer = valid
            officer["mutations"] = mutations
            for (body, path) in [(invented, "mutations.0.priority"), (officer, "mutations.0.record.type")] {
                try await client.execute(uri: "/v1/sync/push", method: .post, headers: .bearer(tokens.access), body: JSON.body(body)) {
                    response in
                    #expect(response.status == .badRequest)
                    let problem = try JSON.object(response.body)
                    #expect(problem["code"] as? String == "request.invalid")
                    #expect((problem["detail"] as? String)?.contains(path) == true, "\(problem)")
                }
            }
            #expect(try await server.store.deviceState(device.id) == nil, "nothing recorded")
            #expect(
                try await server.store.snapshot(of: .participant(siti.participant.id.rawValue.uuidString)).records[
                    mutation.record.canonical!
                ] == nil
            )
        }
    }

    @Test func invalidValuesAreRefusedWithTheirFieldAndTheClaimStaysReadable() async throws {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var phone = try await client.phone(
                siti,
                device: "siti-phone-1",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await phone.draftClaim(
                .resignation,
                bankAccount: TestAccounts.bca(siti.participant.name),
                client: client,
                clock: server.clock
            )
            // The same claim named in lower case.
            let lower = RecordKey(type: "claim", id: claim.uuidString.lowercased())
            let profile = RecordKey(type: "profile", id: siti.participant.id.rawValue.uuidString.lowercased())
            let attempts: [(RecordKey, [String: JSONValue], String)] = [
                (lower, ["taxNumber": "12-34"], "taxNumber.length"),
                (lower, ["bankAccount": .object(["bankCode": "014", "number": "12", "holderName": "SITI RAHAYU"])], "bankAccount.length"),
                (lower, ["channel": "fax"], "field.invalid"),
                (lower, ["reason": .null], "field.required"),
                (profile, ["language": "fr"], "field.invalid"),
                (profile, ["phone": "12"], "phone.notMobile"),
                (profile, ["email": "nobody"], "email.shape"),
            ]
            for (key, fields, code) in attempts {
                let response = try await client.push(
                    [phone.device.mutation(key, .update(fields: fields))],
                    device: phone.device.id,
                    token: phone.tokens.access
                )
                let result = try #require(response.results.first)
                guard case .rejected(let rejection) = result.outcome else {
                    Issue.record("accepted: \(fields)")
                    continue
                }
                #expect(rejection.code == code, "\(fields)")
                #expect(rejection.fields == Array(fields.keys), "\(fields)")
                #expect(result.record?.key.id == key.id.uppercased(), "the server's record, its id in upper case")
            }
            let accepted = try await client.push(
                [phone.device.mutation(lower, .update(fields: ["taxNumber": "12.345.678.9-012.345"]))],
                device: phone.device.id,
                token: phone.tokens.access
            )
            #expect(accepted.results.first?.outcome == .applied)

            let page = try await client.pull(token: phone.tokens.access)
            let stored = try #require(page.changes.first { $0.record.key.type == "claim" })
            #expect(stored.record.key.id == claim.uuidString, "one record, in upper case")
            #expect(page.changes.filter { $0.record.key.type == "claim" }.count == 1)
            let decoded = try stored.record.decode(as: Claim.self)
            #expect(decoded.taxNumber == "12.345.678.9-012.345", "kept as written")
            #expect(decoded.bankAccount == TestAccounts.bca(siti.participant.name))
            let outcome = try await phone.intent(.submitClaim, [:], record: lower, client: client, clock: server.clock)
            #expect(outcome == .applied, "\(outcome)")

            // Office paths take the id in either case too.
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            let (status, json) = try await client.officeGet("/v1/office/claims/\(claim.uuidString.lowercased())", token: cso)
            #expect(status == .ok)
            #expect((json["claim"] as? [String: Any])?["id"] as? String == claim.uuidString)
        }
    }
}
