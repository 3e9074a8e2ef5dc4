import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Sync
import Testing

@testable import Server

/// Cursors are opaque, per bucket and signed: a token issued to one participant means nothing to
/// another, a forged or mangled one is refused on pull and live alike, and one outside the
/// retained log answers with an explicit reset, never a silent empty page.
@Suite("Sync cursors")
struct CursorTests {
    let siti = Demo.person("Siti Rahayu")
    let budi = Demo.person("Budi Santoso")
    let keys = SigningKeys.inMemory()
    var codec: CursorCodec { CursorCodec(keys: keys, now: { Date() }) }
    let buckets = [BucketID.participant("a"), .reference]

    @Test func aTokenHoldsItsPositionsAndOnlyForItsBuckets() throws {
        let cursor = codec.cursor([41, 7], in: buckets)
        #expect(try codec.positions(of: cursor, in: buckets) == [41, 7])
        #expect(try codec.positions(of: .start, in: buckets) == [0, 0])
        #expect(throws: Problem.invalidCursor, "another participant's buckets") {
            try codec.positions(of: cursor, in: [.participant("b"), .reference])
        }
        #expect(throws: Problem.invalidCursor, "another server's key") {
            try CursorCodec(keys: .inMemory(), now: { Date() }).positions(of: cursor, in: buckets)
        }
        var tampered = Array(cursor.token)
        let index = tampered.index(tampered.startIndex, offsetBy: 4)
        tampered[index] = tampered[index] == "A" ? "B" : "A"
        for token in [String(tampered), "-1", "12", "1.", "1.!!!!", cursor.token + "A", String(cursor.token.dropLast())] {
            #expect(throws: Problem.invalidCursor, "\(token)") { try codec.positions(of: SyncCursor(token), in: buckets) }
        }
    }

    @Test func aTokenSignedByARetiredKeyAsksForAResetNotAnError() throws {
        let old = codec.cursor([41, 7], in: buckets)
        let now = Date()
        var ring = keys.ring
        ring.rotate(at: now.addingTimeInterval(-3_600), activationDelay: 60)
        try ring.retire(kid: keys.ring.keys[0].kid, at: now, tokenLifetime: 900)
        let rotated = CursorCodec(keys: SigningKeys(ring: ring, source: .memory), now: { now })
        #expect(try rotated.positions(of: old, in: buckets) == nil)
        let fresh = rotated.cursor([41, 7], in: buckets)
        #expect(try rotated.positions(of: fresh, in: buckets) == [41, 7])
    }

    @Test func pullAndLiveRefuseCursorsTheServerDidNotIssueToTheCaller() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let sitiTokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            let budiTokens = try await client.signIn(budi, device: "budi-phone-1", inbox: server.inbox)
            let sitis = try await client.pull(token: sitiTokens.access).cursor
            let foreign = sitis.queryPrefix
            for query in [foreign, "cursor=-1&", "cursor=0&", "cursor=99999999999&", "cursor=%00&", "cursor=1.AAAA&"] {
                for route in ["/v1/sync/pull?\(query)limit=10", "/v1/sync/live?\(query)"] {
                    try await client.execute(uri: route, method: .get, headers: .bearer(budiTokens.access)) { response in
                        #expect(response.status == .badRequest, "\(route)")
                        #expect(problemCode(response.body) == "cursor.invalid", "\(route)")
                    }
                }
            }
        }
    }

    @Test func aCursorAheadOfTheLogAfterARestoreAnswersReset() async throws {
        let server = try TestServer()
        try await server.app().test(.router) { client in
            let tokens = try await client.signIn(siti, device: "siti-phone-1", inbox: server.inbox)
            _ = try await client.pull(token: tokens.access)
            let own = BucketID.participant(siti.participant.id.rawValue.uuidString)
            let ahead = CursorCodec(keys: server.signingKeys, now: { Date() }).cursor([1_000, 0], in: [own, .reference])
            let page = try await client.pull(after: ahead, token: tokens.access)
            #expect(page.reset)
            #expect(page.cursor == .start)
            #expect(page.changes.isEmpty)
        }
    }
}
