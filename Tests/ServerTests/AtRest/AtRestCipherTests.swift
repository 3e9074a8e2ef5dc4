import Crypto
import Foundation
import Testing

@testable import Server

/// Sealing personal data: what is sealed opens only with its key and for its purpose, names
/// its key, and keyed digests find a value without keeping it.
@Suite("At-rest cipher")
struct AtRestCipherTests {
    let start = Date(timeIntervalSince1970: 1_795_402_800)
    let nik = "3273012304850001"

    @Test func aSealedValueOpensForItsPurposeOnlyAndHidesItsText() throws {
        let cipher = AtRestCipher.ephemeral()
        let sealed = cipher.seal(Data(nik.utf8), for: .participant)
        #expect(try cipher.open(sealed, for: .participant) == Data(nik.utf8))
        #expect(sealed.range(of: Data(nik.utf8)) == nil, "the NIK is not in the sealed bytes")
        #expect(AtRestCipher.isSealed(sealed) && AtRestCipher.kid(of: sealed) == cipher.sealingKid())
        #expect(cipher.seal(Data(nik.utf8), for: .participant) != sealed, "a fresh nonce each time")
        #expect(throws: AtRestCipher.OpenError.damaged) { try cipher.open(sealed, for: .officer) }
        var flipped = sealed
        flipped[flipped.count - 1] ^= 1
        #expect(throws: AtRestCipher.OpenError.damaged) { try cipher.open(flipped, for: .participant) }
        #expect(throws: AtRestCipher.OpenError.notSealed) { try cipher.open(Data("{\"nik\":1}".utf8), for: .participant) }
        #expect(!AtRestCipher.isSealed(Data("{}".utf8)))
        #expect(throws: AtRestCipher.OpenError.damaged, "another key of the same id") {
            try AtRestCipher.ephemeral().open(sealed, for: .participant)
        }
        let other = AtRestCipher(
            keys: ["d-other": SymmetricKey(size: .bits256)],
            sealing: [("d-other", .distantPast)],
            lookupKey: SymmetricKey(size: .bits256)
        )
        #expect(throws: AtRestCipher.OpenError.unknownKey("d-ephemeral")) { try other.open(sealed, for: .participant) }
    }

    @Test func digestsAreKeyedAndPerPurpose() {
        let cipher = AtRestCipher.ephemeral()
        let digest = cipher.digest(nik, for: .nikLookup)
        #expect(digest == cipher.digest(nik, for: .nikLookup))
        #expect(digest.count == 64 && !digest.contains(nik))
        #expect(digest != cipher.digest(nik, for: .kpjLookup))
        #expect(digest != AtRestCipher.ephemeral().digest(nik, for: .nikLookup), "another lookup key, another digest")
        #expect(digest != BlobDigest.hex(SHA256.hash(data: Data(nik.utf8))), "not a plain hash anyone could compute")
    }

    @Test func dataKeysUnwrapOnlyWithTheirKeyEncryptionKey() throws {
        let ring = KeyEncryptionKeyRing.new(at: start)
        let keys = try WrappedDataKey.first(wrappedBy: try #require(ring.wrapping), at: start)
        let cipher = try AtRestCipher(unwrapping: keys, with: ring)
        let again = try AtRestCipher(unwrapping: keys, with: ring)
        let sealed = cipher.seal(Data(nik.utf8), for: .participant)
        #expect(try again.open(sealed, for: .participant) == Data(nik.utf8))
        #expect(again.digest(nik, for: .nikLookup) == cipher.digest(nik, for: .nikLookup))
        #expect(keys.allSatisfy { $0.wrapped.count == 12 + 32 + 16 && $0.wrappedBy == ring.wrapping?.kid })

        let other = KeyEncryptionKeyRing.new(at: start)
        #expect(throws: WrappedDataKey.UnwrapError.missingKeyEncryptionKey(dataKey: keys[0].kid, wrappedBy: keys[0].wrappedBy)) {
            try AtRestCipher(unwrapping: keys, with: other)
        }
        var impostor = other
        impostor.keys[0].kid = keys[0].wrappedBy
        #expect(throws: WrappedDataKey.UnwrapError.damaged(dataKey: keys[0].kid)) { try AtRestCipher(unwrapping: keys, with: impostor) }
        var relabelled = keys
        relabelled[0].kid = "d-other"
        #expect(throws: WrappedDataKey.UnwrapError.damaged(dataKey: "d-other")) { try AtRestCipher(unwrapping: relabelled, with: ring) }
    }

    /// A rotation: a new key-encryption key rewraps every data key, and a new data key seals
    /// once every process has had time to read it; what was sealed before still opens.
    @Test func rotationRewrapsEveryKeyAndTheNewKeySealsOnlyOnceActive() throws {
        var ring = KeyEncryptionKeyRing.new(at: start)
        let first = try WrappedDataKey.first(wrappedBy: try #require(ring.wrapping), at: start)
        let before = try AtRestCipher(unwrapping: first, with: ring)
        let old = before.seal(Data(nik.utf8), for: .recordState)

        ring.keys.append(.make(at: start.addingTimeInterval(1)))
        let (rotated, added) = try WrappedDataKey.rotated(first, with: ring, at: start, activationDelay: 60)
        #expect(rotated.count == 3 && rotated.allSatisfy { $0.wrappedBy == ring.keys[1].kid })
        ring.keys.removeFirst()  // the old key-encryption key retired: nothing is wrapped by it
        let after = try AtRestCipher(unwrapping: rotated, with: ring)
        #expect(try after.open(old, for: .recordState) == Data(nik.utf8))
        #expect(after.digest(nik, for: .nikLookup) == before.digest(nik, for: .nikLookup), "the lookup key stays")
        #expect(after.sealingKid(at: start.addingTimeInterval(59)) == first[0].kid)
        #expect(after.sealingKid(at: start.addingTimeInterval(60)) == added.kid)
    }
}
