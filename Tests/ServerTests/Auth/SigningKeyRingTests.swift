import Foundation
import Models
import Testing

@testable import Server

/// Signing keys: the newest active key signs, every key not retired verifies, and rotation
/// retires a key only once nothing it signed can still be valid.
@Suite("Signing key ring")
struct SigningKeyRingTests {
    let start = Date(timeIntervalSince1970: 1_795_402_800)
    let lifetime: TimeInterval = 900

    @Test func rotationSignsWithTheNewKeyOnlyAfterItActivatesAndKeepsTheOldOneVerifying() throws {
        var ring = SigningKeyRing.new(at: start)
        let old = try #require(ring.signing(at: start))
        let new = ring.rotate(at: start, activationDelay: 60)
        #expect(ring.signing(at: start.addingTimeInterval(59))?.kid == old.kid, "every process reads the key before it signs")
        #expect(ring.signing(at: start.addingTimeInterval(60))?.kid == new.kid)
        #expect(ring.verifying(kid: new.kid[...], at: start) != nil, "the new key verifies at once")
        #expect(ring.verifying(kid: old.kid[...], at: start.addingTimeInterval(3600)) != nil, "the old key verifies until retired")
        #expect(new.kid != old.kid && new.secret != old.secret)
        #expect(new.kid.hasPrefix("k20261123-"))
    }

    @Test func aKeyIsRetiredOnlyOnceItsTokensHaveExpired() throws {
        var ring = SigningKeyRing.new(at: start)
        let old = try #require(ring.signing(at: start)).kid
        let new = ring.rotate(at: start, activationDelay: 60).kid
        #expect(throws: KeyRingError.stillSigning(new)) {
            try ring.retire(kid: new, at: start.addingTimeInterval(120), tokenLifetime: lifetime)
        }
        #expect(throws: KeyRingError.stillSigning(old)) { try ring.retire(kid: old, at: start, tokenLifetime: lifetime) }
        let tooSoon = start.addingTimeInterval(60 + lifetime - 1)
        #expect(throws: KeyRingError.tokensStillValid(old, until: start.addingTimeInterval(60 + lifetime))) {
            try ring.retire(kid: old, at: tooSoon, tokenLifetime: lifetime)
        }
        try ring.retire(kid: old, at: start.addingTimeInterval(60 + lifetime), tokenLifetime: lifetime)
        #expect(ring.verifying(kid: old[...], at: start.addingTimeInterval(60 + lifetime)) == nil)
        #expect(throws: KeyRingError.alreadyRetired(old)) {
            try ring.retire(kid: old, at: start.addingTimeInterval(7200), tokenLifetime: lifetime)
        }
        #expect(throws: KeyRingError.unknownKey("k0")) { try ring.retire(kid: "k0", at: start, tokenLifetime: lifetime) }
    }

    @Test func tokensNameTheirKeyAndStopWorkingWhenItIsRetired() throws {
        var ring = SigningKeyRing.new(at: start)
        let keys = SigningKeys(ring: ring, source: .memory)
        let tokens = TokenService(keys: keys)
        let family = UUID()
        let siti = Principal(kind: .participant, id: UUID(), deviceID: DeviceID("siti-phone-1"), family: family)
        let before = try tokens.accessToken(for: siti, family: family, now: start)
        #expect(before.hasPrefix("v2.\(ring.keys[0].kid)."))

        let new = ring.rotate(at: start, activationDelay: 60)
        let rotated = SigningKeys(ring: ring, source: .memory)
        let afterRotation = TokenService(keys: rotated)
        #expect(afterRotation.verify(accessToken: before, now: start.addingTimeInterval(300)) == siti, "nobody is signed out by a rotation")
        let after = try afterRotation.accessToken(for: siti, family: family, now: start.addingTimeInterval(120))
        #expect(after.hasPrefix("v2.\(new.kid)."))

        try ring.retire(kid: ring.keys[0].kid, at: start.addingTimeInterval(60 + lifetime), tokenLifetime: lifetime)
        let retired = TokenService(keys: SigningKeys(ring: ring, source: .memory))
        #expect(retired.verify(accessToken: before, now: start.addingTimeInterval(61 + lifetime)) == nil)
        #expect(retired.verify(accessToken: after, now: start.addingTimeInterval(121)) == siti)
    }

    @Test func forgedAndForeignTokensAreRefused() throws {
        let tokens = TokenService(keys: .inMemory(at: start))
        let other = TokenService(keys: .inMemory(at: start))
        let family = UUID()
        let siti = Principal(kind: .participant, id: UUID(), deviceID: DeviceID("siti-phone-1"), family: family)
        let token = try tokens.accessToken(for: siti, family: family, now: start)
        #expect(tokens.verify(accessToken: token, now: start) == siti)
        #expect(other.verify(accessToken: token, now: start) == nil, "another server's key")
        var parts = token.split(separator: ".").map(String.init)
        let officer = try JSONEncoder().encode(["k": "officer", "sub": siti.id.uuidString, "dev": "x", "exp": "9999999999"])
        parts[2] = Base64URL.encode(officer)
        #expect(tokens.verify(accessToken: parts.joined(separator: "."), now: start) == nil, "a changed payload")
        #expect(tokens.verify(accessToken: "v1.\(parts[2]).\(parts[3])", now: start) == nil, "the old format")
        #expect(tokens.verify(accessToken: token, now: start.addingTimeInterval(901)) == nil, "expired")
    }

    @Test func codesAreCheckedUnderTheKeyThatMadeThem() throws {
        var ring = SigningKeyRing.new(at: start)
        let challenge = UUID()
        let digest = try TokenService(keys: SigningKeys(ring: ring, source: .memory)).codeDigest(
            code: "123456",
            challengeID: challenge,
            now: start
        )
        ring.rotate(at: start, activationDelay: 0)
        let rotated = TokenService(keys: SigningKeys(ring: ring, source: .memory))
        #expect(rotated.codeMatches("123456", challengeID: challenge, digest: digest, now: start.addingTimeInterval(1)))
        #expect(!rotated.codeMatches("123457", challengeID: challenge, digest: digest, now: start.addingTimeInterval(1)))
        #expect(!rotated.codeMatches("123456", challengeID: UUID(), digest: digest, now: start.addingTimeInterval(1)))
        #expect(!rotated.codeMatches("123456", challengeID: challenge, digest: "9f2c1e", now: start), "a digest made before keys had ids")
    }
}
