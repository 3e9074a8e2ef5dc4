import Foundation
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

/// The data update (pengkinian data) completes with a passed face check, its third stage: a
/// participant who had not done it can claim in the app afterwards, even in the same push.
@Suite("Data update through the face check")
struct DataUpdateTests {
    let rahmat = Demo.person("Rahmat Hidayat")  // data update not done
    let now = When.utc("2026-11-23T02:00:00Z")  // Monday 09:00 WIB

    func draft(_ phone: inout TestDevice, _ claimID: UUID, store: any UploadStore) async throws -> [Mutation] {
        let kinds = [DocumentKind.idCard, .participantCard, .bankBook, .referenceLetter, .selfie]
        let uploads = try await storedUploads(kinds, owner: rahmat.participant.id, claimID: claimID, store: store, at: now)
        return phone.draftResignationClaim(claimID, holder: rahmat.participant.name, at: now, uploads: uploads)
    }

    func codes(_ response: PushResponse) -> [String?] {
        response.results.map { result in
            if case .rejected(let rejection) = result.outcome { return rejection.code }
            return nil
        }
    }

    func server() throws -> TestServer {
        var server = try TestServer()
        server.now = { [now] in now }
        return server
    }

    @Test func aPassedFaceCheckCompletesItAndTheClaimGoesThrough() async throws {
        let server = try server()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(rahmat, device: "rahmat-phone", inbox: server.inbox)
            var phone = TestDevice(id: "rahmat-phone", millis: Int64(now.timeIntervalSince1970 * 1000))
            let claimID = UUID()
            let submit = { (phone: inout TestDevice) in
                phone.intent(.submitClaim, ["claimID": .string(claimID.uuidString)], record: Claim.key(claimID))
            }
            var mutations = try await draft(&phone, claimID, store: server.store)
            mutations.append(submit(&phone))
            let before = try await client.push(mutations, device: phone.id, token: tokens.access)
            #expect(codes(before).last == "claim.dataUpdateRequired")
            #expect(try await server.store.account(id: rahmat.participant.id)?.participant.dataUpdateCompletedAt == nil)

            // A failed check changes nothing.
            let failed = try await client.push(
                [phone.faceCheck(rahmat.participant.id, claim: claimID, failed: .lowLight, at: now)],
                device: phone.id,
                token: tokens.access
            )
            #expect(failed.results[0].outcome == .applied)
            #expect(try await server.store.account(id: rahmat.participant.id)?.participant.dataUpdateCompletedAt == nil)

            // A passed check and the submit in one push: both go through.
            let after = try await client.push(
                [phone.faceCheck(rahmat.participant.id, claim: claimID, failed: nil, at: now), submit(&phone)],
                device: phone.id,
                token: tokens.access
            )
            #expect(codes(after) == [nil, nil])
            #expect(try await server.store.account(id: rahmat.participant.id)?.participant.dataUpdateCompletedAt == now)
        }
    }
}
