import Foundation
import Models
import Testing

@testable import Server

/// A token checked once is not checked again from scratch, yet every later use still honours
/// its expiry, its sign-in and the key that verified it.
@Suite("Verified tokens")
struct VerifiedTokensTests {
    let start = Date(timeIntervalSince1970: 1_795_402_800)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-verified-\(UUID().uuidString.prefix(8))")
    let family = UUID()
    var siti: Principal {
        Principal(
            kind: .participant,
            id: UUID(uuidString: "6F1C1B8E-5D2A-4A53-9E0B-1B0C2D3E4F50")!,
            deviceID: DeviceID("siti-phone-1"),
            family: family
        )
    }

    @Test func aCheckedTokenIsKeptAndStillExpiresAndEndsWithItsSignIn() throws {
        let tokens = TokenService(keys: .inMemory(at: start))
        let token = try tokens.accessToken(for: siti, family: family, now: start)
        #expect(tokens.verified.entry(for: token) == nil)
        #expect(tokens.check(accessToken: token, now: start) == .valid(siti))
        #expect(tokens.verified.entry(for: token)?.payload.sub == siti.id, "kept after the first check")
        #expect(tokens.check(accessToken: token, now: start.addingTimeInterval(60)) == .valid(siti))
        #expect(tokens.check(accessToken: token, now: start.addingTimeInterval(901)) == .invalid, "expired, though kept")
        tokens.revoked.insert(family, endedAt: start.addingTimeInterval(120))
        #expect(tokens.check(accessToken: token, now: start.addingTimeInterval(130)) == .sessionEnded, "signed out, though kept")
    }

    @Test func aChangedTokenIsNeverTakenForAKeptOne() throws {
        let tokens = TokenService(keys: .inMemory(at: start))
        let token = try tokens.accessToken(for: siti, family: family, now: start)
        #expect(tokens.check(accessToken: token, now: start) == .valid(siti))
        var forged = Array(token.utf8)
        forged[forged.count - 2] = forged[forged.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(tokens.check(accessToken: String(decoding: forged, as: UTF8.self), now: start) == .invalid)
        #expect(tokens.check(accessToken: token + "x", now: start) == .invalid)
    }

    @Test func aKeptTokenStopsWorkingWhenItsKeyLeavesTheKeyFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jht.keys").path
        let (keys, _) = try SigningKeys.open(path: path, environment: [:], at: start)
        let tokens = TokenService(keys: keys)
        let token = try tokens.accessToken(for: siti, family: family, now: start)
        #expect(tokens.check(accessToken: token, now: start) == .valid(siti))
        let file = SigningKeyFile(path: path)

        // The same key id with another secret (a key replaced after a leak): the kept token no
        // longer verifies.
        var ring = try file.read()
        let kid = ring.keys[0].kid
        ring.keys[0].secret = try #require(SigningKeyRing.new(at: start).keys.first?.secret)
        Thread.sleep(forTimeInterval: 0.01)
        try file.write(ring)
        #expect(try keys.reloadIfChanged() != nil)
        #expect(tokens.check(accessToken: token, now: start.addingTimeInterval(1)) == .invalid, "re-keyed \(kid)")

        // A new token under the new secret, then the key is gone from the file.
        let again = try tokens.accessToken(for: siti, family: family, now: start.addingTimeInterval(2))
        #expect(tokens.check(accessToken: again, now: start.addingTimeInterval(2)) == .valid(siti))
        var other = SigningKeyRing.new(at: start)
        other.keyEncryptionKeys = ring.keyEncryptionKeys
        Thread.sleep(forTimeInterval: 0.01)
        try file.write(other)
        #expect(try keys.reloadIfChanged() != nil)
        #expect(tokens.check(accessToken: again, now: start.addingTimeInterval(3)) == .invalid, "its key is gone")
    }
}
